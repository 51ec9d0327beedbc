package dev.callchain.simulator.model;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/** The addresses of one service's instances: {@code <prefix>0} to {@code <prefix>(size-1)}. */
public final class AddressPool {
    private final String[] addresses;

    public AddressPool(String prefix, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + size);
        }
        addresses = new String[size];
        for (int i = 0; i < size; i++) {
            addresses[i] = prefix + i;
        }
    }

    /** A uniformly random address, drawn per call as a load balancer would spread them. */
    public String pick(RandomGenerator random) {
        return addresses[random.nextInt(addresses.length)];
    }

    public List<String> addresses() {
        return List.of(addresses);
    }
}

package dev.callchain.simulator.model;

import org.apache.commons.math3.random.RandomGenerator;

/** The IP addresses of each service: {@code <prefix>0} to {@code <prefix>(size-1)}. */
public final class AddressPools {
    private final String[][] addresses;

    public AddressPools(int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + poolSize);
        }
        Service[] services = Service.values();
        addresses = new String[services.length][poolSize];
        for (Service service : services) {
            for (int i = 0; i < poolSize; i++) {
                addresses[service.ordinal()][i] = service.addressPrefix() + i;
            }
        }
    }

    /** A uniformly random address of the service. */
    public String pick(Service service, RandomGenerator random) {
        String[] pool = addresses[service.ordinal()];
        return pool[random.nextInt(pool.length)];
    }
}

package dev.callchain.simulator.model;

import org.apache.commons.math3.random.RandomGenerator;

/** The address pool of each service of the default model, all of the same size. */
public final class AddressPools {
    private final AddressPool[] pools;

    public AddressPools(int poolSize) {
        Service[] services = Service.values();
        pools = new AddressPool[services.length];
        for (Service service : services) {
            pools[service.ordinal()] = new AddressPool(service.addressPrefix(), poolSize);
        }
    }

    /** A uniformly random address of the service. */
    public String pick(Service service, RandomGenerator random) {
        return pools[service.ordinal()].pick(random);
    }
}

package dev.callchain.simulator.topology;

import dev.callchain.simulator.model.AddressPool;

/** One service of a topology: the addresses of its instances, how long a call works, which calls it makes. */
public record ServiceSpec(AddressPool instances, WorkTime work, CallPlan calls) {
}

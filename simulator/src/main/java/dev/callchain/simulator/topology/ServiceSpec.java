package dev.callchain.simulator.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * One service of a topology: its network ({@code addressPrefix}, instance i has the address
 * prefix + i), how many instances it runs, how long a call works, which calls it makes.
 */
public record ServiceSpec(String name, String addressPrefix, int instances, WorkTime work, CallPlan calls) {
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>(instances);
        for (int i = 0; i < instances; i++) {
            addresses.add(addressPrefix + i);
        }
        return addresses;
    }
}

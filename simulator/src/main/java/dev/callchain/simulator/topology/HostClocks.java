package dev.callchain.simulator.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/** The clock offset of every host of a run, fixed for the run: what a host's log adds to the true time. */
final class HostClocks {
    private final Map<String, Double> offsetsMs;

    private HostClocks(Map<String, Double> offsetsMs) {
        this.offsetsMs = offsetsMs;
    }

    /** Draws an offset for each host in order, so the same seed gives the same clocks. */
    static HostClocks draw(List<String> hosts, ClockOffsets settings, RandomGenerator random) {
        Map<String, Double> offsets = new HashMap<>();
        for (String host : hosts) {
            // No draw without offsets, so a topology without them uses no random numbers for clocks.
            double drawn = settings.maxMs() == 0 ? 0 : settings.maxMs() * (2 * random.nextDouble() - 1);
            offsets.put(host, settings.fixedMs().getOrDefault(host, drawn));
        }
        return new HostClocks(offsets);
    }

    double offsetMs(String host) {
        return offsetsMs.get(host);
    }
}

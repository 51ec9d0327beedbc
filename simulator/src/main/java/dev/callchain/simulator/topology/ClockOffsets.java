package dev.callchain.simulator.topology;

import java.util.Map;

/**
 * How far the hosts' clocks are off: each host's offset is drawn uniformly in
 * [-{@code maxMs}, +{@code maxMs}], except for the hosts given one in {@code fixedMs}.
 */
public record ClockOffsets(double maxMs, Map<String, Double> fixedMs) {
    public static final ClockOffsets NONE = new ClockOffsets(0, Map.of());

    public ClockOffsets {
        fixedMs = Map.copyOf(fixedMs);
    }
}

package dev.callchain.simulator;

import dev.callchain.simulator.des.LagHistogram;

/** How far a real-time run fell behind the wall clock, over all paced events. */
public record PacingLag(long events, double maxMs, double p99Ms) {
    static PacingLag of(LagHistogram histogram) {
        return new PacingLag(histogram.count(), histogram.maxMillis(), histogram.percentileMillis(99));
    }
}

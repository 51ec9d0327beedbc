package dev.callchain.simulator.topology;

import java.util.List;

/**
 * The calls a service makes once its work is done: the callees in order, a destination repeated
 * as many times as it is called; one after another with a gap, or all at once.
 */
public record CallPlan(FanOut fanOut, double gapMs, List<String> callees) {
    /** A service that calls nothing. */
    public static final CallPlan NONE = new CallPlan(FanOut.SEQUENTIAL, 0, List.of());

    public CallPlan {
        callees = List.copyOf(callees);
    }

    public enum FanOut {
        /** Each call starts {@code gapMs} after the previous one returned (the Online Boutique frontend). */
        SEQUENTIAL,
        /** All calls start together; the caller waits for the last to return. */
        PARALLEL
    }
}

package dev.callchain.simulator.model;

import java.util.List;

/** Told when a trace's first call has returned, so all of its calls have their ids. */
@FunctionalInterface
public interface TraceListener {
    /** {@code calls} in the order they were made, the first call first. */
    void traceCompleted(String traceId, List<? extends TracedCall> calls);
}

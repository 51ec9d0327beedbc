package dev.callchain.simulator.model;

/** Told when a trace's Main call has returned, so all of its calls have their ids. */
@FunctionalInterface
public interface TraceListener {
    void traceCompleted(Trace trace);
}

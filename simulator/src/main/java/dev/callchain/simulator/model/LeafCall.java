package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Event;

/** A call that only works for a fixed time: Sub1 (30 ms) and Sub3 (10 ms). */
final class LeafCall extends ServiceCall {
    static final double SUB1_MS = 30;
    static final double SUB3_MS = 10;

    private final double workMs;
    private boolean worked;

    LeafCall(Service service, double workMs, ServiceCall caller) {
        super(service, caller);
        this.workMs = workMs;
    }

    @Override
    protected Event proceed() {
        if (worked) {
            return null;
        }
        worked = true;
        return work(workMs);
    }
}

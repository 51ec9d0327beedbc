package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Event;

/** Sub2: works 30 ms, then calls Sub3 and waits for it. */
final class Sub2Call extends ServiceCall {
    static final double WORK_MS = 30;

    private int phase;

    Sub2Call(ServiceCall caller) {
        super(Service.SUB2, caller);
    }

    @Override
    protected Event proceed() {
        switch (phase++) {
            case 0:
                return work(WORK_MS);
            case 1:
                return call(new LeafCall(Service.SUB3, LeafCall.SUB3_MS, this));
            default:
                return null;
        }
    }
}

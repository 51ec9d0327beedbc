package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Event;
import dev.callchain.simulator.des.Process;

/**
 * Main: works 20 ms; calls Sub1 and Sub2 in parallel and waits for both; works 30 ms; with
 * probability 0.4 calls Sub2 again; works 40 ms.
 */
final class MainCall extends ServiceCall {
    static final double FIRST_WORK_MS = 20;
    static final double SECOND_WORK_MS = 30;
    static final double LAST_WORK_MS = 40;
    static final double REPEAT_PROBABILITY = 0.4;

    private int phase;
    private Process sub2;
    private boolean repeated;

    MainCall(Trace trace, String clientAddress) {
        super(trace, Service.MAIN, null, clientAddress);
    }

    @Override
    protected Event proceed() {
        switch (phase++) {
            case 0:
                return work(FIRST_WORK_MS);
            case 1:
                Process sub1 = call(new LeafCall(Service.SUB1, LeafCall.SUB1_MS, this));
                sub2 = call(new Sub2Call(this));
                return sub1;
            case 2:
                // Waiting for each in turn waits for both, as the prototype did.
                return sub2;
            case 3:
                return work(SECOND_WORK_MS);
            case 4:
                repeated = chance(REPEAT_PROBABILITY);
                return repeated ? call(new Sub2Call(this)) : work(LAST_WORK_MS);
            case 5:
                return repeated ? work(LAST_WORK_MS) : null;
            default:
                return null;
        }
    }
}

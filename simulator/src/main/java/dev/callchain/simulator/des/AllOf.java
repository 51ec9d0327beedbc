package dev.callchain.simulator.des;

/** Succeeds once all of its events have succeeded. */
public final class AllOf extends Condition {
    AllOf(Environment env, Event... events) {
        super(env, events);
    }

    @Override
    protected boolean isSatisfied(int processed, int total) {
        return processed == total;
    }
}

package dev.callchain.simulator.des;

/** Succeeds once any of its events has succeeded (at once when it has none). */
public final class AnyOf extends Condition {
    AnyOf(Environment env, Event... events) {
        super(env, events);
    }

    @Override
    protected boolean isSatisfied(int processed, int total) {
        return processed > 0;
    }
}

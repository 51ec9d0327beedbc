package dev.callchain.simulator.des;

/** An event that succeeds by itself after a delay of simulated time. */
public final class Timeout extends Event {
    private final double delay;

    Timeout(Environment env, double delay, Object result) {
        super(env);
        if (!(delay >= 0)) {
            throw new IllegalArgumentException("negative or NaN delay: " + delay);
        }
        this.delay = delay;
        trigger(true, result);
        env.schedule(this, Priority.NORMAL, delay);
    }

    public double delay() {
        return delay;
    }
}

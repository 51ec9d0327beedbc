package dev.callchain.simulator.des;

/** Tie-breakers for events due at the same time; lower runs first, as in SimPy. */
public final class Priority {
    /** Process starts and run(until) stops: before anything else due at that time. */
    public static final int URGENT = 0;
    /** Everything else. */
    public static final int NORMAL = 1;

    private Priority() {
    }
}

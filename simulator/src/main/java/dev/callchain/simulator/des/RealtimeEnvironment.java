package dev.callchain.simulator.des;

import java.util.concurrent.locks.LockSupport;

/**
 * An environment paced against the wall clock: one time unit is one millisecond. Like
 * SimPy's {@code RealtimeEnvironment(strict=False)} it never fails when it falls behind; it
 * processes late events at once and catches up. It records how late each event was (an
 * event run slightly early counts as on time).
 * {@link #stopPacing()} (from any thread) lets the rest of the run go as fast as possible.
 */
public final class RealtimeEnvironment extends Environment {
    private static final double NANOS_PER_UNIT = 1_000_000;
    /**
     * Pacing granularity: an event due within this much wall time runs at once, up to 0.25 ms
     * early. Waking a parked thread costs about 0.1 ms, so waiting out every tiny gap would fall
     * further behind with each event at thousands of events per second; spinning instead would
     * burn a core that a broker on the same machine needs. Record times come from the simulated
     * clock, so running early changes only when a record is sent, never what it says.
     */
    public static final long EARLY_NANOS = 250_000;
    // Parks stay short so that stopPacing() is noticed even if an unpark is missed.
    private static final long MAX_PARK_NANOS = 20_000_000;

    // The wall time of simulated time 0.
    private final long wallStart = System.nanoTime();
    private final LagHistogram lag = new LagHistogram();
    private volatile boolean paced = true;
    private volatile Thread runner;

    /** Stops waiting for the wall clock: remaining events run immediately, unrecorded. */
    public void stopPacing() {
        paced = false;
        Thread waiting = runner;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    public LagHistogram lag() {
        return lag;
    }

    @Override
    protected void awaitDue(double time) {
        if (!paced) {
            return;
        }
        long due = wallStart + (long) (time * NANOS_PER_UNIT);
        runner = Thread.currentThread();
        long remaining;
        while ((remaining = due - System.nanoTime()) > EARLY_NANOS && paced) {
            LockSupport.parkNanos(Math.min(remaining, MAX_PARK_NANOS));
        }
        if (paced) {
            lag.record(System.nanoTime() - due);
        }
    }
}

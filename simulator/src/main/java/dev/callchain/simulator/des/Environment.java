package dev.callchain.simulator.des;

/**
 * The simulated world: a clock and the queue of scheduled events. Not thread-safe: one
 * thread runs it, and everything that happens inside it runs on that thread.
 */
public class Environment {
    private final TimeQueue<Event> queue = new TimeQueue<>();
    private final EventCallback stopRun = event -> stopRequested = true;
    private double now;
    private boolean stopRequested;

    public final double now() {
        return now;
    }

    /** A new pending event, triggered later by {@link Event#succeed} or {@link Event#fail}. */
    public final Event event() {
        return new Event(this);
    }

    public final Timeout timeout(double delay) {
        return new Timeout(this, delay, null);
    }

    public final Timeout timeout(double delay, Object value) {
        return new Timeout(this, delay, value);
    }

    /** Starts a process; its first step runs at the current time, after the caller's. */
    public final Process process(ProcessBody body) {
        return new Process(this, body);
    }

    public final AllOf allOf(Event... events) {
        return new AllOf(this, events);
    }

    public final AnyOf anyOf(Event... events) {
        return new AnyOf(this, events);
    }

    final void schedule(Event event, int priority, double delay) {
        queue.add(now + delay, priority, event);
    }

    /** Time of the next scheduled event, or positive infinity when none is left. */
    public final double peek() {
        return queue.isEmpty() ? Double.POSITIVE_INFINITY : queue.peekTime();
    }

    /**
     * Processes the next event. Returns false when nothing is scheduled; throws the failure
     * of a failed event that nobody handled.
     */
    public final boolean step() {
        if (queue.isEmpty()) {
            return false;
        }
        awaitDue(queue.peekTime());
        now = queue.peekTime();
        RuntimeException unhandled = queue.poll().process();
        if (unhandled != null) {
            throw unhandled;
        }
        return true;
    }

    /** Runs until no event is left. */
    public final void run() {
        while (step()) {
            // each step does the work
        }
    }

    /**
     * Runs until simulated time {@code until}: events due earlier, and urgent ones scheduled
     * earlier at that very time, are processed; afterwards {@code now() == until}.
     */
    public final void run(double until) {
        if (!(until > now)) {
            throw new IllegalArgumentException("until (" + until + ") must be after now (" + now + ")");
        }
        Event stop = new Event(this);
        stop.trigger(true, null);
        stop.addCallback(stopRun);
        schedule(stop, Priority.URGENT, until - now);
        try {
            while (!stopRequested && step()) {
                // each step does the work
            }
        } finally {
            stopRequested = false;
        }
    }

    /** Called before the clock advances to {@code time}; a real-time clock waits here. */
    protected void awaitDue(double time) {
    }
}

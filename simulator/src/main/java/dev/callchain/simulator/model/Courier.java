package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Environment;
import dev.callchain.simulator.des.Event;
import dev.callchain.simulator.des.EventCallback;
import dev.callchain.simulator.des.Priority;
import dev.callchain.simulator.des.TimeQueue;

/**
 * Hands each record to the sink when its delay has passed on the simulated clock: in fast
 * mode in arrival-time order, in real time at the arrival wall time.
 * <p>
 * Records in transit wait in the courier's own time queue, and only a wake-up for the
 * earliest arrival sits in the kernel's queue. Tens of thousands of records are in transit
 * at high rates; kept out of the kernel's queue, they do not slow every other event down.
 */
public final class Courier {
    private final Environment env;
    private final RecordSink sink;
    private final TimeQueue<CallRecord> inTransit = new TimeQueue<>();
    private final EventCallback wake = this::deliverDue;
    private Event nextWake;
    private double nextWakeAt = Double.POSITIVE_INFINITY;

    public Courier(Environment env, RecordSink sink) {
        this.env = env;
        this.sink = sink;
    }

    public void dispatch(CallRecord record, double delayMs) {
        double arrival = env.now() + delayMs;
        inTransit.add(arrival, Priority.NORMAL, record);
        if (arrival < nextWakeAt) {
            scheduleWake(arrival);
        }
    }

    private void scheduleWake(double at) {
        nextWakeAt = at;
        nextWake = env.timeout(at - env.now());
        nextWake.addCallback(wake);
    }

    private void deliverDue(Event fired) {
        if (fired != nextWake) {
            return; // superseded by an earlier arrival
        }
        // Compared with the planned time, not now(): now() + (at - now()) may miss it by a rounding.
        double due = nextWakeAt;
        nextWake = null;
        nextWakeAt = Double.POSITIVE_INFINITY;
        while (!inTransit.isEmpty() && inTransit.peekTime() <= due) {
            sink.deliver(inTransit.poll());
        }
        if (!inTransit.isEmpty()) {
            scheduleWake(inTransit.peekTime());
        }
    }
}

package dev.callchain.simulator.des;

import java.util.Arrays;
import java.util.Objects;

/**
 * Something that happens at a point of simulated time. An event is pending until it is
 * triggered (succeeds with a value or fails with an exception), which schedules it; when
 * the environment processes it, its callbacks run once. A failure that no process or
 * condition handles makes {@link Environment#run()} throw it, as in SimPy.
 */
public class Event {
    private static final Object PENDING = new Object();
    private static final EventCallback[] NO_CALLBACKS = new EventCallback[0];

    final Environment env;
    private Object value = PENDING;
    private boolean ok;
    private boolean defused;
    private boolean processed;
    // Most events have exactly one waiter, so the first callback avoids an array.
    private EventCallback firstCallback;
    private EventCallback[] moreCallbacks = NO_CALLBACKS;
    private int moreCount;

    public Event(Environment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    public final Environment env() {
        return env;
    }

    /** Triggers the event successfully now: it is processed after what is already due. */
    public final Event succeed(Object result) {
        trigger(true, result);
        env.schedule(this, Priority.NORMAL, 0);
        return this;
    }

    /** Triggers the event as failed; whoever waits on it gets the failure thrown. */
    public final Event fail(RuntimeException failure) {
        trigger(false, Objects.requireNonNull(failure, "failure"));
        env.schedule(this, Priority.NORMAL, 0);
        return this;
    }

    public final boolean isTriggered() {
        return value != PENDING;
    }

    public final boolean isProcessed() {
        return processed;
    }

    /** Whether the event succeeded; meaningful once triggered. */
    public final boolean isOk() {
        return ok;
    }

    /** The value of a successful event; a failed event throws its failure. */
    public final Object value() {
        if (!isTriggered()) {
            throw new IllegalStateException("event is not triggered yet");
        }
        if (!ok) {
            throw (RuntimeException) value;
        }
        return value;
    }

    /** The failure of a failed event, otherwise null. */
    public final RuntimeException failure() {
        return isTriggered() && !ok ? (RuntimeException) value : null;
    }

    /** Marks a failure as handled, so the run goes on. */
    public final void defuse() {
        defused = true;
    }

    public final void addCallback(EventCallback callback) {
        Objects.requireNonNull(callback, "callback");
        if (processed) {
            throw new IllegalStateException("event is already processed");
        }
        if (firstCallback == null) {
            firstCallback = callback;
            return;
        }
        if (moreCount == moreCallbacks.length) {
            moreCallbacks = Arrays.copyOf(moreCallbacks, Math.max(4, moreCount * 2));
        }
        moreCallbacks[moreCount++] = callback;
    }

    final void removeCallback(EventCallback callback) {
        if (firstCallback == callback) {
            firstCallback = moreCount > 0 ? takeFirstOfMore() : null;
            return;
        }
        for (int i = 0; i < moreCount; i++) {
            if (moreCallbacks[i] == callback) {
                System.arraycopy(moreCallbacks, i + 1, moreCallbacks, i, moreCount - i - 1);
                moreCallbacks[--moreCount] = null;
                return;
            }
        }
    }

    private EventCallback takeFirstOfMore() {
        EventCallback next = moreCallbacks[0];
        System.arraycopy(moreCallbacks, 1, moreCallbacks, 0, moreCount - 1);
        moreCallbacks[--moreCount] = null;
        return next;
    }

    /** Sets the outcome without scheduling; for events that schedule themselves. */
    final void trigger(boolean succeeded, Object result) {
        if (isTriggered()) {
            throw new IllegalStateException("event is already triggered");
        }
        ok = succeeded;
        value = result;
    }

    /** Replaces a successful event's value before its callbacks see it (condition values). */
    final void replaceValue(Object result) {
        value = result;
    }

    /** Runs the callbacks; returns the failure nobody handled, if any. */
    final RuntimeException process() {
        processed = true;
        EventCallback first = firstCallback;
        firstCallback = null;
        if (first != null) {
            first.onEvent(this);
            for (int i = 0; i < moreCount; i++) {
                moreCallbacks[i].onEvent(this);
            }
            moreCallbacks = NO_CALLBACKS;
            moreCount = 0;
        }
        return ok || defused ? null : (RuntimeException) value;
    }
}

package dev.callchain.simulator.des;

import java.util.Objects;

/**
 * A running {@link ProcessBody}. The process is itself an event: it succeeds with the
 * body's exit value, or fails with the exception that escaped the body, so other
 * processes can wait on it.
 */
public final class Process extends Event implements ProcessContext {
    private final ProcessBody body;
    private final EventCallback resumer = this::resume;
    private Event target;
    private Object received;
    private Object exitValue;

    Process(Environment env, ProcessBody body) {
        super(env);
        this.body = Objects.requireNonNull(body, "body");
        // SimPy starts a process through an urgent event, so it runs after its creator's step.
        Event start = new Event(env);
        start.trigger(true, null);
        start.addCallback(resumer);
        env.schedule(start, Priority.URGENT, 0);
        target = start;
    }

    public boolean isAlive() {
        return !isTriggered();
    }

    /** The event the process waits on, or null once it has finished. */
    public Event target() {
        return target;
    }

    @Override
    public Object received() {
        return received;
    }

    @Override
    public Event exit(Object value) {
        exitValue = value;
        return null;
    }

    private void resume(Event fired) {
        Event current = fired;
        while (true) {
            Event next;
            try {
                next = step(current);
            } catch (RuntimeException failure) {
                target = null;
                fail(failure);
                return;
            }
            if (next == null) {
                target = null;
                succeed(exitValue);
                return;
            }
            if (next.env != env) {
                target = null;
                fail(new IllegalStateException("process waited on an event of another environment"));
                return;
            }
            if (!next.isProcessed()) {
                next.addCallback(resumer);
                target = next;
                return;
            }
            // Waiting on something that has already happened resumes at once, as in SimPy.
            current = next;
        }
    }

    private Event step(Event fired) {
        if (fired.isOk()) {
            received = fired.value();
            return body.resume(this);
        }
        received = null;
        fired.defuse();
        return body.onFailure(this, fired.failure());
    }
}

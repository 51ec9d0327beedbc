package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Event;
import dev.callchain.simulator.des.ProcessBody;
import dev.callchain.simulator.des.ProcessContext;

/**
 * A call run as a process and logged once it returns, from its start to its return in simulated
 * time; what each model's calls share. The model says how its calls are logged and what they do.
 */
public abstract class LoggedCall implements ProcessBody, TracedCall {
    private final LoggedCall caller;
    private final String callerAddress;
    private final String address;
    private boolean started;
    private double startedAt;
    private String id;

    /** @param caller the call that made this one, or null for the client's request */
    protected LoggedCall(LoggedCall caller, String callerAddress, String address) {
        this.caller = caller;
        this.callerAddress = callerAddress;
        this.address = address;
    }

    @Override
    public final Event resume(ProcessContext ctx) {
        if (!started) {
            started = true;
            startedAt = ctx.env().now();
        }
        Event next = proceed();
        if (next == null) {
            id = log(callerAddress, address, startedAt, ctx.env().now());
        }
        return next;
    }

    /** The next event this call waits for, or null when it returns. */
    protected abstract Event proceed();

    /** Writes this call's record, from {@code start} to {@code end} in simulated time; returns its id. */
    protected abstract String log(String callerAddress, String address, double start, double end);

    /** Where this call went: the address the calls it makes leave from. */
    protected final String address() {
        return address;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String parentId() {
        return caller == null ? null : caller.id;
    }
}

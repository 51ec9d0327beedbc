package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Event;
import dev.callchain.simulator.des.Process;
import dev.callchain.simulator.des.ProcessBody;
import dev.callchain.simulator.des.ProcessContext;

/**
 * One call of a service, run as a process. The callee's address is drawn from its pool when
 * the call is made; the record is written when the call's work is done (the prototype's
 * logging decorator). Subclasses are the services' step functions.
 */
public abstract class ServiceCall implements ProcessBody, TracedCall {
    private final Trace trace;
    private final ServiceCall caller;
    private final String callerAddress;
    private final String address;
    private boolean started;
    private double startedAt;
    private String id;

    ServiceCall(Trace trace, Service service, ServiceCall caller, String callerAddress) {
        this.trace = trace;
        this.caller = caller;
        this.callerAddress = callerAddress;
        this.address = trace.model().pickAddress(service);
    }

    /** A call made by {@code caller} to {@code service}. */
    ServiceCall(Service service, ServiceCall caller) {
        this(caller.trace, service, caller, caller.address);
    }

    @Override
    public final Event resume(ProcessContext ctx) {
        if (!started) {
            started = true;
            startedAt = ctx.env().now();
        }
        Event next = proceed();
        if (next == null) {
            id = trace.model().log().write(callerAddress, address, startedAt, ctx.env().now());
        }
        return next;
    }

    /** The next event this call waits for, or null when its work is done. */
    protected abstract Event proceed();

    /** Busy for {@code ms} of simulated time. */
    protected final Event work(double ms) {
        return trace.model().env().timeout(ms);
    }

    /** Starts a call made by this one; the returned process completes when the callee returns. */
    protected final Process call(ServiceCall callee) {
        return trace.start(callee);
    }

    protected final boolean chance(double probability) {
        return trace.model().random().nextDouble() < probability;
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

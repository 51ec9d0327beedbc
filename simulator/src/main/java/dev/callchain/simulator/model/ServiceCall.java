package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Event;
import dev.callchain.simulator.des.Process;

/**
 * One call of a service, run as a process. The callee's address is drawn from its pool when
 * the call is made; the record is written when the call's work is done (the prototype's
 * logging decorator). Subclasses are the services' step functions.
 */
public abstract class ServiceCall extends LoggedCall {
    private final Trace trace;

    ServiceCall(Trace trace, Service service, ServiceCall caller, String callerAddress) {
        super(caller, callerAddress, trace.model().pickAddress(service));
        this.trace = trace;
    }

    /** A call made by {@code caller} to {@code service}. */
    ServiceCall(Service service, ServiceCall caller) {
        this(caller.trace, service, caller, caller.address());
    }

    @Override
    protected final String log(String callerAddress, String address, double start, double end) {
        return trace.model().log().write(callerAddress, address, start, end);
    }

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
}

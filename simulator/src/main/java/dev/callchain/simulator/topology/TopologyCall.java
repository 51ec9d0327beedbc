package dev.callchain.simulator.topology;

import dev.callchain.simulator.des.Event;
import dev.callchain.simulator.model.LoggedCall;
import java.util.List;

/**
 * One call to a service of a topology, run as a process: the callee works, then makes its calls
 * (one after another, or all at once), then returns. The caller's host logs the call when it
 * returns, client-side as real logs are, so the caller's clock offset shifts the logged start
 * and end; the simulated (true) times are not shifted.
 */
final class TopologyCall extends LoggedCall {
    private final TopologyTrace trace;
    private final ServiceSpec service;
    private boolean worked;
    private int made;
    private boolean gapTaken;

    TopologyCall(TopologyTrace trace, ServiceSpec service, TopologyCall caller, String callerAddress) {
        super(caller, callerAddress, trace.model().pickInstance(service));
        this.trace = trace;
        this.service = service;
    }

    @Override
    protected String log(String callerAddress, String address, double start, double end) {
        double offsetMs = trace.model().clockOffsetMs(callerAddress);
        return trace.model().log().writeMicros(callerAddress, address, start + offsetMs, end + offsetMs);
    }

    /** The next event this call waits for, or null when it returns. */
    @Override
    protected Event proceed() {
        TopologyModel model = trace.model();
        if (!worked) {
            worked = true;
            return model.env().timeout(service.work().drawMs(model.random()));
        }
        CallPlan plan = service.calls();
        List<String> callees = plan.callees();
        if (made == callees.size()) {
            return null;
        }
        if (plan.fanOut() == CallPlan.FanOut.PARALLEL) {
            made = callees.size();
            return model.env().allOf(callees.stream().map(this::call).toArray(Event[]::new));
        }
        if (made > 0 && !gapTaken) {
            gapTaken = true;
            return model.env().timeout(plan.gapMs());
        }
        gapTaken = false;
        return call(callees.get(made++));
    }

    private Event call(String callee) {
        return trace.start(new TopologyCall(trace, trace.model().topology().service(callee), this, address()));
    }
}

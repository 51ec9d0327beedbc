package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Process;
import java.util.ArrayList;
import java.util.List;

/** One client request and every call it causes (4, or 6 when Main repeats Sub2). */
public final class Trace {
    private final CallModel model;
    private final String id;
    private final List<ServiceCall> calls = new ArrayList<>(6);

    Trace(CallModel model, String id) {
        this.model = model;
        this.id = id;
    }

    /** Sends the request from the client's address to a Main service. */
    void begin(String clientAddress) {
        start(new MainCall(this, clientAddress)).addCallback(returned -> model.listener().traceCompleted(id, calls));
    }

    Process start(ServiceCall call) {
        calls.add(call);
        return model.env().process(call);
    }

    CallModel model() {
        return model;
    }
}

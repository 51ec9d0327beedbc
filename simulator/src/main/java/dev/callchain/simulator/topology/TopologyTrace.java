package dev.callchain.simulator.topology;

import dev.callchain.simulator.des.Process;
import java.util.ArrayList;
import java.util.List;

/** One client request to the entry service and every call it causes. */
final class TopologyTrace {
    private final TopologyModel model;
    private final String id;
    private final List<TopologyCall> calls = new ArrayList<>();

    TopologyTrace(TopologyModel model, String id) {
        this.model = model;
        this.id = id;
    }

    void begin(String clientAddress) {
        TopologyCall first = new TopologyCall(this, model.topology().entryService(), null, clientAddress);
        start(first).addCallback(returned -> model.listener().traceCompleted(id, calls));
    }

    Process start(TopologyCall call) {
        calls.add(call);
        return model.env().process(call);
    }

    TopologyModel model() {
        return model;
    }
}

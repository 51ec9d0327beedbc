package dev.callchain.simulator.topology;

import dev.callchain.simulator.des.Environment;
import dev.callchain.simulator.model.CallLog;
import dev.callchain.simulator.model.TraceListener;
import dev.callchain.simulator.model.TraceStarter;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * What every trace and call of a topology run shares: the clock, the dice, the instances, the host clocks,
 * the log.
 */
public final class TopologyModel implements TraceStarter {
    private final Topology topology;
    private final Environment env;
    private final RandomGenerator random;
    private final HostClocks clocks;
    private final CallLog log;
    private final TraceListener listener;

    public TopologyModel(Topology topology, Environment env, RandomGenerator random, CallLog log,
                         TraceListener listener) {
        this.topology = topology;
        this.env = env;
        this.random = random;
        this.log = log;
        this.listener = listener;
        this.clocks = HostClocks.draw(topology.hosts(), topology.clockOffsets(), random);
    }

    @Override
    public String pickClientAddress() {
        return Topology.CLIENT_ADDRESS;
    }

    @Override
    public void startTrace(String traceId, String clientAddress) {
        new TopologyTrace(this, traceId).begin(clientAddress);
    }

    Topology topology() {
        return topology;
    }

    Environment env() {
        return env;
    }

    RandomGenerator random() {
        return random;
    }

    CallLog log() {
        return log;
    }

    TraceListener listener() {
        return listener;
    }

    double clockOffsetMs(String host) {
        return clocks.offsetMs(host);
    }

    /** The instance that serves one call, as the default model picks from its pools. */
    String pickInstance(ServiceSpec service) {
        return service.instances().pick(random);
    }
}

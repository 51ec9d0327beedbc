package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Environment;
import org.apache.commons.math3.random.RandomGenerator;

/** What every trace and call of one run shares: the clock, the dice, the addresses, the log. */
public final class CallModel implements TraceStarter {
    private final Environment env;
    private final RandomGenerator random;
    private final AddressPools addresses;
    private final CallLog log;
    private final TraceListener listener;

    public CallModel(Environment env, RandomGenerator random, AddressPools addresses, CallLog log,
                     TraceListener listener) {
        this.env = env;
        this.random = random;
        this.addresses = addresses;
        this.log = log;
        this.listener = listener;
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

    @Override
    public String pickClientAddress() {
        return pickAddress(Service.CLIENT);
    }

    @Override
    public void startTrace(String traceId, String clientAddress) {
        new Trace(this, traceId).begin(clientAddress);
    }

    String pickAddress(Service service) {
        return addresses.pick(service, random);
    }
}

package dev.callchain.simulator;

import dev.callchain.simulator.des.Environment;
import dev.callchain.simulator.des.RealtimeEnvironment;
import dev.callchain.simulator.model.AddressPools;
import dev.callchain.simulator.model.CallLog;
import dev.callchain.simulator.model.CallModel;
import dev.callchain.simulator.model.Client;
import dev.callchain.simulator.model.Courier;
import dev.callchain.simulator.model.DeliveryDelay;
import dev.callchain.simulator.model.MessagePrinter;
import dev.callchain.simulator.model.RecordSink;
import dev.callchain.simulator.model.TraceListener;
import dev.callchain.simulator.model.TraceStarter;
import dev.callchain.simulator.model.TracedCall;
import dev.callchain.simulator.output.ConsolePrinter;
import dev.callchain.simulator.output.GroundTruthWriter;
import dev.callchain.simulator.output.JsonLinesSink;
import dev.callchain.simulator.output.KafkaSink;
import dev.callchain.simulator.topology.TopologyModel;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One simulation run: opens the destinations, generates the traces, delivers every record,
 * closes, and returns the summary. Stopping (from any thread) ends the requests; calls in
 * flight still complete, and records still in transit are delivered at once.
 */
public final class Simulator {
    private final SimulatorConfig config;
    private final PrintStream messages;
    private final PrintStream status;
    private volatile boolean stopRequested;
    private volatile Client client;
    private volatile RealtimeEnvironment pacedEnv;

    /**
     * @param messages stdout: where {@code --print-msg} prints and "-" as a file name writes
     * @param status   where start and progress lines go
     */
    public Simulator(SimulatorConfig config, PrintStream messages, PrintStream status) {
        this.config = config;
        this.messages = messages;
        this.status = status;
    }

    public RunSummary run() throws IOException {
        long startNanos = System.nanoTime();
        RecordSink sink = openSink();
        Outcome outcome;
        try (sink; GroundTruthWriter truth = openTruth()) {
            outcome = simulate(sink, truth);
        }
        return new RunSummary(outcome.traces, outcome.records, sink.sent(), sink.errors(),
                Duration.ofNanos(System.nanoTime() - startNanos), outcome.lag);
    }

    /** Sends no more requests and stops pacing; {@link #run()} then finishes quickly. */
    public void stop() {
        stopRequested = true;
        Client running = client;
        if (running != null) {
            running.stop();
        }
        RealtimeEnvironment paced = pacedEnv;
        if (paced != null) {
            paced.stopPacing();
        }
    }

    private RecordSink openSink() throws IOException {
        if (config.usesKafka()) {
            return KafkaSink.open(config.kafka());
        }
        return config.out() != null ? JsonLinesSink.open(config.out(), messages) : RecordSink.discarding();
    }

    /** The ground-truth writer, or null without {@code --truth}. */
    private GroundTruthWriter openTruth() throws IOException {
        return config.truth() == null ? null : GroundTruthWriter.open(config.truth(), messages);
    }

    private Outcome simulate(RecordSink sink, GroundTruthWriter truth) {
        // Created only now, after Kafka is connected, so real time starts with the traces.
        RealtimeEnvironment realtimeEnv = config.realtime() ? new RealtimeEnvironment() : null;
        Environment env = realtimeEnv != null ? realtimeEnv : new Environment();
        long baseTimeMs = config.baseTimeMs() != null ? config.baseTimeMs() : System.currentTimeMillis();
        RandomGenerator random = new MersenneTwister(config.seed());
        MessagePrinter printer = config.printMessages() ? new ConsolePrinter(messages) : MessagePrinter.SILENT;
        CallLog log = new CallLog(config.ids(), baseTimeMs, new DeliveryDelay(config.delay(), random),
                new Courier(env, sink), printer);
        Completions completions = new Completions(truth, realtimeEnv);
        TraceStarter model = config.topology() == null
                ? new CallModel(env, random, new AddressPools(config.ipPoolSize()), log, completions)
                : new TopologyModel(config.topology(), env, random, log, completions);
        Client requests = new Client(model, random, config.ids(), config.count(), config.intervalMs(),
                config.stdDevMs(), new ProgressReporter(status, config.progressEvery()));
        announce();
        client = requests;
        pacedEnv = realtimeEnv;
        if (stopRequested) {
            stop();
        }
        env.process(requests);
        env.run();
        PacingLag lag = realtimeEnv == null ? null : PacingLag.of(realtimeEnv.lag());
        return new Outcome(completions.count, log.written(), lag);
    }

    private void announce() {
        String settings = "interval=" + config.intervalMs() + ", std_dev=" + config.stdDevMs()
                + (config.realtime() ? ", realtime" : ", fast");
        status.println(config.streaming()
                ? "Starting continuous streaming with: " + settings + " (Ctrl-C to stop)"
                : "Starting simulation with: count=" + config.count() + ", " + settings);
    }

    /** Counts finished traces, writes their truth, and ends pacing once the last one is done. */
    private final class Completions implements TraceListener {
        private final TraceListener truth;
        private final RealtimeEnvironment realtimeEnv;
        private long count;

        Completions(TraceListener truth, RealtimeEnvironment realtimeEnv) {
            this.truth = truth;
            this.realtimeEnv = realtimeEnv;
        }

        @Override
        public void traceCompleted(String traceId, List<? extends TracedCall> calls) {
            count++;
            if (truth != null) {
                truth.traceCompleted(traceId, calls);
            }
            // Records still in transit are delivered at once rather than waited for.
            if (realtimeEnv != null && count == config.count()) {
                realtimeEnv.stopPacing();
            }
        }
    }

    private record Outcome(long traces, long records, PacingLag lag) {
    }
}

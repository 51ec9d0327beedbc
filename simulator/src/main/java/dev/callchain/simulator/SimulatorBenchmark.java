package dev.callchain.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures the simulator and prints each figure with its target:
 * <ol>
 * <li>fast mode, records as JSON Lines to /dev/null (target at least 1,000,000 records/s);</li>
 * <li>with {@code --kafka BOOTSTRAP}: fast mode into Kafka (target at least 200,000 records/s);</li>
 * <li>real time at {@code --interval} (default 0.2 ms, 5,000 traces/s) for
 * {@code --realtime-seconds} (default 10), into Kafka when given: pacing lag (target p99 under 10 ms).</li>
 * </ol>
 * Usage: {@code java -cp callchain-simulator.jar dev.callchain.simulator.SimulatorBenchmark
 * [--kafka BOOTSTRAP] [--traces N] [--kafka-traces N] [--realtime-seconds N] [--interval MS]}
 */
public final class SimulatorBenchmark {
    private static final double FAST_TARGET = 1_000_000;
    private static final double KAFKA_TARGET = 200_000;
    private static final double LAG_P99_TARGET_MS = 10;
    private static final String NULL_DEVICE = "/dev/null";

    private final PrintStream report = System.out;
    private final PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    private String kafka;
    private long traces = 1_000_000;
    private long kafkaTraces = 200_000;
    private long realtimeSeconds = 10;
    private String interval = "0.2";

    public static void main(String[] args) throws Exception {
        SimulatorBenchmark benchmark = new SimulatorBenchmark();
        benchmark.readArgs(args);
        benchmark.run();
    }

    private void readArgs(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--kafka" -> kafka = args[i + 1];
                case "--traces" -> traces = Long.parseLong(args[i + 1]);
                case "--kafka-traces" -> kafkaTraces = Long.parseLong(args[i + 1]);
                case "--realtime-seconds" -> realtimeSeconds = Long.parseLong(args[i + 1]);
                case "--interval" -> interval = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option needs a value");
        }
    }

    private void run() throws Exception {
        report.printf(Locale.ROOT, "JVM %s, %d processors%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        // The first run warms the JIT up; only the second counts.
        simulate(List.of("--count", String.valueOf(traces / 5), "--out", NULL_DEVICE));
        RunSummary fast = simulate(List.of("--count", String.valueOf(traces), "--out", NULL_DEVICE));
        figure("fast mode, JSON Lines to " + NULL_DEVICE + " (--interval 1000)", fast,
                fast.recordsPerSecond(), FAST_TARGET, true, "records/s");

        if (kafka != null) {
            RunSummary intoKafka = simulate(List.of("--count", String.valueOf(kafkaTraces), "--bootstrap", kafka,
                    "--topic", "benchmark-fast-" + System.currentTimeMillis()));
            figure("fast mode into Kafka at " + kafka, intoKafka, intoKafka.recordsPerSecond(), KAFKA_TARGET, true,
                    "records/s");
        }

        List<String> realtime = new ArrayList<>(List.of("--realtime", "--stream", "--interval", interval));
        realtime.addAll(kafka == null ? List.of("--out", NULL_DEVICE)
                : List.of("--bootstrap", kafka, "--topic", "benchmark-realtime-" + System.currentTimeMillis()));
        RunSummary paced = simulateFor(realtime, realtimeSeconds);
        figure("real time, --interval " + interval + " for " + realtimeSeconds + " s"
                + (kafka == null ? " to " + NULL_DEVICE : " into Kafka"), paced, paced.lag().p99Ms(),
                LAG_P99_TARGET_MS, false, String.format(Locale.ROOT, "ms p99 lag (max %.3f ms over %d events)",
                        paced.lag().maxMs(), paced.lag().events()));
    }

    private RunSummary simulate(List<String> args) throws IOException, UsageException {
        return simulator(args).run();
    }

    /** A streaming run stopped after {@code seconds}, as Ctrl-C would. */
    private RunSummary simulateFor(List<String> args, long seconds) throws IOException, UsageException {
        Simulator simulator = simulator(args);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(simulator::stop, seconds, TimeUnit.SECONDS);
            return simulator.run();
        } finally {
            timer.shutdownNow();
        }
    }

    private Simulator simulator(List<String> args) throws UsageException {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--progress-every", "0"));
        return new Simulator(SimulatorOptions.parse(all.toArray(String[]::new), Map.of()), quiet, quiet);
    }

    private void figure(String what, RunSummary summary, double value, double target, boolean higherIsBetter,
                        String unit) {
        boolean met = higherIsBetter ? value >= target : value < target;
        report.printf(Locale.ROOT, "%-58s %,14.1f %s  (target %s %,.0f)  %s%n", what + ":", value, unit,
                higherIsBetter ? ">=" : "<", target, met ? "MET" : "MISSED");
        report.printf(Locale.ROOT, "    %d traces, %d records, %d sent, %d send errors in %.3f s%n", summary.traces(),
                summary.records(), summary.recordsSent(), summary.sendErrors(), summary.elapsed().toNanos() / 1e9);
    }
}

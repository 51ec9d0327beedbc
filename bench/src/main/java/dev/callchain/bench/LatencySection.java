package dev.callchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callchain.report.MarkdownTable;
import dev.callchain.simulator.PacingLag;
import dev.callchain.simulator.RunSummary;
import dev.callchain.simulator.Simulator;
import dev.callchain.simulator.SimulatorOptions;
import dev.callchain.simulator.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Section 6: end-to-end latency of streaming callchain. The simulator runs in real time (event
 * time = wall time) at 5,000 traces/s into an input topic while the pipeline, in a child JVM,
 * streams into an output topic; both topics stamp records with the broker's append time.
 *
 * <p>Measured are the records that arrived after a warm-up and whose floor (end + bound) lies
 * before the simulator stopped, with a margin: later ones wait for a watermark that only more
 * input would move.
 */
final class LatencySection {
  static final long BOUND_MS = 30_000;
  private static final Duration MARGIN = Duration.ofSeconds(5);
  private static final Duration DRAIN = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param intervalMs the simulator's mean interval between traces
   * @param outputRecords all the records the pipeline had emitted when reading stopped
   */
  record Result(String intervalMs, LatencySample sample, long inputRecords, long outputRecords, PacingLag pacing,
                double simulatorSeconds) {}

  private final Runs runs;
  private final Path checkpoints;
  private final Log log;

  LatencySection(Runs runs, Path checkpoints, Log log) {
    this.runs = runs;
    this.checkpoints = checkpoints;
    this.log = log;
  }

  Result measure(String intervalMs, Duration run, Duration warmup) throws IOException, InterruptedException {
    if (run.compareTo(warmup.plus(MARGIN).plusMillis(BOUND_MS)) <= 0) {
      // No record would both come after the warm-up and have its floor before the stop.
      throw new IllegalArgumentException(
          "latency run of " + run + " must outlast warm-up + bound + margin");
    }
    String name = runs.freshTopic("latency");
    String input = name + "-in";
    String output = name + "-out";
    Topics.create(runs.broker(), input, Datasets.PARTITIONS, true);
    Topics.create(runs.broker(), output, Datasets.PARTITIONS, true);
    List<String> args = new ArrayList<>(runs.kafkaArgs(input, output, name));
    args.add("--maxOutOfOrderMs=" + BOUND_MS);
    // Checkpoints of this much state overflow Flink's default in-memory checkpoint storage (5 MB),
    // which fails the job over and over: keep them in files.
    args.add("--stateBackend=filesystem");
    args.add("--stateBackendStoragePath=" + checkpoints.toUri());
    try (ChildJvm.Child pipeline = runs.jvm().start(name, CallchainChild.class, args)) {
      log.step("latency: pipeline streaming (pid %d); simulator in real time, --interval %s ms for %d s",
          pipeline.pid(), intervalMs, run.toSeconds());
      long simulatorStart = System.currentTimeMillis();
      RunSummary simulated = simulateFor(input, intervalMs, run);
      long simulatorStop = System.currentTimeMillis();
      Map<String, LatencySample.Input> inputs = new HashMap<>();
      long inputRecords = readTopic(input, null, (record, node) -> {
        long appended = record.timestamp();
        long end = node.get("end_at_ms").asLong();
        if (appended >= simulatorStart + warmup.toMillis()
            && end + BOUND_MS <= simulatorStop - MARGIN.toMillis()) {
          inputs.put(node.get("id").asText(), new LatencySample.Input(end, appended));
        }
      });
      log.step("latency: %d records in, %d to measure; waiting for their outputs", inputRecords, inputs.size());
      Map<String, Long> outputs = new HashMap<>();
      long outputRecords = readTopic(output, () -> outputs.size() >= inputs.size(), (record, node) -> {
        if (inputs.containsKey(record.key())) {
          outputs.put(record.key(), record.timestamp());
        }
      });
      LatencySample sample = LatencySample.of(inputs, outputs, BOUND_MS);
      log.result("latency: %d measured, %d missing; %d records out of %d in", sample.measured(), sample.missing(),
          outputRecords, inputRecords);
      return new Result(intervalMs, sample, inputRecords, outputRecords, simulated.lag(),
          simulated.elapsed().toNanos() / 1e9);
    }
  }

  private RunSummary simulateFor(String topic, String intervalMs, Duration run) throws IOException {
    List<String> args = List.of("--realtime", "--stream", "--interval", intervalMs,
        "--seed", String.valueOf(Workload.SEED), "--id-prefix", "live-", "--progress-every", "0",
        "--bootstrap", runs.bootstrap(), "--topic", topic, "--partitions", String.valueOf(Datasets.PARTITIONS));
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    Simulator simulator;
    try {
      simulator = new Simulator(SimulatorOptions.parse(args.toArray(String[]::new), Map.of()), quiet, quiet);
    } catch (UsageException e) {
      throw new IllegalArgumentException(e);
    }
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      timer.schedule(simulator::stop, run.toMillis(), TimeUnit.MILLISECONDS);
      return simulator.run();
    } finally {
      timer.shutdownNow();
    }
  }

  /**
   * Reads a topic from the start, handing each record and its parsed value on; stops once {@code
   * done} holds (or, when null, once the topic is quiet) or the drain time is up.
   */
  private long readTopic(String topic, BooleanSupplier done,
                         BiConsumer<ConsumerRecord<String, String>, JsonNode> each) throws IOException {
    Map<String, Object> config = FromStart.consumerConfig(runs.bootstrap(), "latency");
    long read = 0;
    long deadline = System.nanoTime() + DRAIN.toNanos();
    int quietPolls = 0;
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (System.nanoTime() < deadline && (done == null || !done.getAsBoolean())) {
        int polled = 0;
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          each.accept(record, JSON.readTree(record.value()));
          polled++;
        }
        read += polled;
        quietPolls = polled == 0 ? quietPolls + 1 : 0;
        if (done == null && read > 0 && quietPolls >= 10) {
          break;
        }
      }
    }
    return read;
  }

  static MarkdownTable table(Result result) {
    LatencySample s = result.sample();
    MarkdownTable table = new MarkdownTable("per record (ms)", "p50", "p99", "max");
    if (s.measured() == 0) {
      return table.row("no record measured", "n/a", "n/a", "n/a");
    }
    table.row("latency: output append − input append", s.latency().at(50), s.latency().at(99), s.latency().max());
    table.row("semantic floor: end_at_ms + bound − input append (≥ 0)", s.floor().at(50), s.floor().at(99),
        s.floor().max());
    table.row("latency − floor", s.excess().at(50), s.excess().at(99), s.excess().max());
    return table;
  }
}

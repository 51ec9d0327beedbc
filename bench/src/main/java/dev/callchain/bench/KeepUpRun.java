package dev.callchain.bench;

import dev.callchain.pipeline.options.EnvironmentDefaults;
import dev.callchain.simulator.RunSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One rate of the keep-up ladder, end to end. Fresh input and output topics, both stamped with the
 * broker's append time, and a fresh pipeline streaming from one to the other (so no rate inherits
 * another's backlog, heap or state); the simulator in real time (event time = wall time) in a JVM
 * of its own, from the pipeline's start for {@code run}. The CPU of the simulator, of the bench's
 * JVM (the broker's host) and of the pipeline is read at the end of the warm-up and at the stop.
 *
 * <p>Measured are the records that arrived after the warm-up and whose floor (end + bound) lies a
 * margin before the simulator stopped: later ones wait for a watermark that only more input would
 * move. Their outputs count when appended within a wait after the stop.
 */
final class KeepUpRun implements KeepUpSection.Rung {
  static final long BOUND_MS = EnvironmentDefaults.MAX_OUT_OF_ORDER_MS;
  /** The last records measured have their floor this long before the simulator stops. */
  static final Duration MARGIN = Duration.ofSeconds(5);
  /** How long after the stop an output still counts; a record without one by then is missing. */
  static final Duration OUTPUT_WAIT = Duration.ofSeconds(30);
  /** The simulator needs little heap: records in transit for a few seconds. */
  private static final String SIMULATOR_HEAP = "1g";

  private final Runs runs;
  private final ChildJvm simulatorJvm;
  private final Path checkpoints;
  private final Duration run;
  private final Duration warmup;
  private final List<String> pipelineOptions;
  private final Log log;

  KeepUpRun(Runs runs, Path checkpoints, Duration run, Duration warmup, List<String> pipelineOptions, Log log) {
    requireMeasurable(run, warmup);
    if (!PipelineOptionNames.knowsAll(pipelineOptions)) {
      throw new IllegalArgumentException("the pipeline does not know one of the options " + pipelineOptions);
    }
    this.pipelineOptions = List.copyOf(pipelineOptions);
    this.runs = runs;
    this.simulatorJvm = runs.jvm().withHeap(SIMULATOR_HEAP);
    this.checkpoints = checkpoints;
    this.run = run;
    this.warmup = warmup;
    this.log = log;
  }

  /** Fails unless some record could both come after the warm-up and have its floor a margin before the stop. */
  static void requireMeasurable(Duration run, Duration warmup) {
    if (run.compareTo(warmup.plus(MARGIN).plusMillis(BOUND_MS)) <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "a keep-up run of %d s measures nothing: it must outlast the warm-up (%d s), the bound (%d s) and a"
              + " margin (%d s)", run.toSeconds(), warmup.toSeconds(), BOUND_MS / 1000, MARGIN.toSeconds()));
    }
  }

  /** The simulator's mean interval between traces, in ms, for a rate of traces per second: 3,000 is "0.333333". */
  static String intervalMs(int tracesPerSecond) {
    return BigDecimal.valueOf(1000).divide(BigDecimal.valueOf(tracesPerSecond), 6, RoundingMode.HALF_EVEN)
        .stripTrailingZeros().toPlainString();
  }

  @Override
  public KeepUpRate measure(int tracesPerSecond) throws InterruptedException {
    String name = runs.freshTopic("keep-up-" + tracesPerSecond);
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
    args.addAll(pipelineOptions);
    try (ChildJvm.Child pipeline = runs.jvm().start(name, CallchainChild.class, args)) {
      log.step("keep-up at %,d traces/s: pipeline streaming (pid %d); simulator in real time, --interval %s"
          + " --ip-pool-size %d for %d s", tracesPerSecond, pipeline.pid(), intervalMs(tracesPerSecond),
          KeepUpSection.IP_POOL_SIZE, run.toSeconds());
      long started = System.currentTimeMillis();
      long stopped;
      RunSummary simulated;
      CpuUse cpu;
      try (ChildJvm.Child simulator = simulatorJvm.start(name + "-simulator", SimulatorChild.class,
          simulatorArgs(tracesPerSecond, input))) {
        Thread.sleep(warmup.toMillis());
        CpuUse.Readings from = readings(simulator, pipeline);
        Thread.sleep(run.minus(warmup).toMillis());
        CpuUse.Readings to = readings(simulator, pipeline);
        stopped = System.currentTimeMillis();
        simulated = SimulatorChild.summary(simulator.stopForResult());
        cpu = CpuUse.between(from, to);
      }
      AppendTimes appendTimes = new AppendTimes(runs.bootstrap());
      AppendTimes.Inputs inputs = appendTimes.inputs(input, (end, appended) ->
          appended >= started + warmup.toMillis() && end + BOUND_MS <= stopped - MARGIN.toMillis());
      log.step("keep-up at %,d traces/s: %d records in, %d to measure; reading their outputs", tracesPerSecond,
          inputs.records(), inputs.measured().size());
      LatencySample sample = LatencySample.of(inputs.measured(),
          appendTimes.outputs(output, inputs.measured().keySet(), stopped + OUTPUT_WAIT.toMillis()), BOUND_MS);
      return new KeepUpRate(tracesPerSecond, simulated, inputs.recordsPerSecond(), sample, cpu);
    }
  }

  /** The three processes' CPU now; fails, naming its log, when a child has ended before it was stopped. */
  private static CpuUse.Readings readings(ChildJvm.Child simulator, ChildJvm.Child pipeline) {
    simulator.requireRunning();
    pipeline.requireRunning();
    return CpuUse.Readings.of(simulator.handle(), ProcessHandle.current(), pipeline.handle());
  }

  private List<String> simulatorArgs(int tracesPerSecond, String topic) {
    return List.of("--realtime", "--stream", "--interval", intervalMs(tracesPerSecond),
        "--ip-pool-size", String.valueOf(KeepUpSection.IP_POOL_SIZE), "--seed", String.valueOf(Workload.SEED),
        "--id-prefix", "live-", "--progress-every", "0", "--bootstrap", runs.bootstrap(), "--topic", topic,
        "--partitions", String.valueOf(Datasets.PARTITIONS));
  }
}

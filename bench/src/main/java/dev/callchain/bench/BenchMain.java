package dev.callchain.bench;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole benchmark suite in one run, side by side on the same data: {@code scripts/bench
 * [--quick]}. Writes BENCHMARKS.md and reports/bench/*.png under the repository, prints the main
 * table and the targets. {@code --callchain-arg=OPTION} (repeatable) adds a pipeline option to
 * every live run of callchain: the streaming drains and the state measurements. Exit 1 when two
 * systems' outputs differ, 2 for a bad option.
 */
public final class BenchMain {
  private static final String USAGE = "Usage: scripts/bench [--quick] [--repo DIR] [--callchain-arg=--option=value ...]";
  private static final String CALLCHAIN_ARG = "--callchain-arg=";
  /** A finite pipeline run gets this long before it is stopped and reported as failed. */
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path repo = Path.of("").toAbsolutePath();
    List<String> callchainArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith(CALLCHAIN_ARG)) {
        callchainArgs.add(args[i].substring(CALLCHAIN_ARG.length()));
        continue;
      }
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--repo" -> repo = Path.of(args[++i]).toAbsolutePath();
        default -> {
          System.err.println(USAGE);
          System.exit(2);
        }
      }
    }
    if (!PipelineOptionNames.knowsAll(callchainArgs)) {
      // Said now, not after the datasets: Beam would let an unknown option through.
      System.err.println("bench: the pipeline does not know one of " + callchainArgs);
      System.err.println(USAGE);
      System.exit(2);
    }
    BenchPlan plan = quick ? BenchPlan.quick() : BenchPlan.full();
    StringBuilder command = new StringBuilder("scripts/bench").append(quick ? " --quick" : "");
    callchainArgs.forEach(option -> command.append(' ').append(CALLCHAIN_ARG).append(option));
    String childHeap = quick ? "4g" : "8g";
    Log log = new Log(System.err);
    Path workDir = repo.resolve("bench/target/bench-run");
    Path plotDir = repo.resolve("reports/bench");
    BenchResults results;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      log.step("%s run; broker at %s; child logs in %s", plan.name(), broker.bootstrapServers(), workDir);
      Runs runs = Runs.onEmbeddedFlink(broker, childHeap, workDir.resolve("logs"), repo);
      results = run(plan, broker, runs, workDir, plotDir, callchainArgs, log);
    }
    BenchReport report = new BenchReport(results, command.toString(), childHeap, repo);
    Path markdown = repo.resolve("BENCHMARKS.md");
    Files.writeString(markdown, report.markdown(), StandardCharsets.UTF_8);
    System.out.println(report.mainTable().render());
    System.out.println(report.targetTable().render());
    System.out.println("Machine: " + Machine.describe());
    System.out.printf("Wrote %s and %d plots in %s (%.1f minutes).%n", markdown, results.plots().size(),
        plotDir, results.seconds() / 60);
    List<String> unequal = results.unequalOutputs();
    unequal.forEach(failure -> System.out.println("OUTPUTS DIFFER: " + failure));
    System.exit(unequal.isEmpty() ? 0 : 1);
  }

  private static BenchResults run(BenchPlan plan, EmbeddedKafkaBroker broker, Runs runs, Path workDir,
                                  Path plotDir, List<String> callchainArgs, Log log) throws Exception {
    Datasets datasets = new Datasets(broker);
    List<Datasets.Dataset> written = new ArrayList<>();
    List<Datasets.Dataset> drained = new ArrayList<>();
    for (Workload workload : plan.drainWorkloads()) {
      drained.add(dataset(workload, written, datasets, runs, log));
    }
    Datasets.Dataset backendData =
        dataset(Workload.defaults(plan.backendDrainRecords()), written, datasets, runs, log);
    Datasets.Dataset largeState = dataset(Workload.defaults(plan.largeStateRecords()), written, datasets, runs, log);
    List<Datasets.Dataset> batch = new ArrayList<>();
    for (Workload workload : plan.throughputWorkloads()) {
      batch.add(dataset(workload, written, datasets, runs, log));
    }

    StreamingDrainSection drains = new StreamingDrainSection(runs, log,
        Map.of(LiveSystem.CALLCHAIN, callchainArgs, LiveSystem.CALLCHAIN_ROCKSDB, callchainArgs));
    List<StreamingDrainSection.WorkloadDrains> streaming = new ArrayList<>();
    for (Datasets.Dataset data : drained) {
      streaming.add(drains.measure(data, data == drained.get(0) ? plan.drainRepeats() : 1,
          StreamingDrainSection.AGAINST_NATIVE));
    }
    StreamingDrainSection.WorkloadDrains stateBackends =
        drains.measure(backendData, 1, StreamingDrainSection.STATE_BACKENDS);
    ObservedCallchain observed = new ObservedCallchain(runs, workDir.resolve("flink-conf"), callchainArgs);
    CheckpointSection.Result checkpoint = new CheckpointSection(observed, log).measure(largeState);
    List<SubtaskBalanceSection.Result> subtaskBalance =
        new SubtaskBalanceSection(observed, log).measureUnslicedAndSliced(largeState);

    ThroughputSection throughput = new ThroughputSection(runs, log);
    List<ThroughputSection.WorkloadRuns> throughputRuns = new ArrayList<>();
    for (Datasets.Dataset data : batch) {
      throughputRuns.add(throughput.measure(data, data == batch.get(0) ? plan.repeats() : 1));
    }

    ScalingSection scalingSection = new ScalingSection(runs, datasets, log);
    double fixedCost = scalingSection.fixedCostSeconds(plan.startupRecords());
    Datasets.Dataset small = datasets.intoKafka(Workload.dense(plan.prototypeRecords()), runs.freshTopic("dense-small"));
    PrototypeSection.Result prototype =
        new PrototypeSection(runs, log).measure(small, plan.prototypeTimeout(), fixedCost);
    List<ScalingSection.Point> scaling = scalingSection.measure(
        plan.scalingRecords(), plan.scanScalingCap(), plan.scanPointBudget(), fixedCost);
    List<Path> plots = new ArrayList<>(ScalingSection.plot(scaling, plotDir));

    KeepUpSection.Result keepUp = KeepUpSection.measure(plan.keepUp(), runs, workDir.resolve("checkpoints"), log);
    List<SimulatorFigure> simulator = new SimulatorSection(runs, log).measure(plan.simulatorBenchmarkArgs());
    Measured directRunner = new DirectRunnerSection(runs, datasets, workDir, log).measure(plan.directRunnerRecords());
    List<JmhSection.Score> jmh = new JmhSection(workDir.resolve("logs/jmh.log"), log).measure(plan.jmh());
    plots.add(JmhSection.plot(jmh, plotDir));
    return new BenchResults(plan, streaming, stateBackends, checkpoint, subtaskBalance, throughputRuns, prototype,
        scaling, keepUp, simulator, written, directRunner, jmh, plots, log.elapsedSeconds());
  }

  /** The workload's dataset: the one in {@code written} if there is one, else a new one, added to it. */
  private static Datasets.Dataset dataset(Workload workload, List<Datasets.Dataset> written, Datasets datasets,
                                          Runs runs, Log log) throws IOException {
    for (Datasets.Dataset data : written) {
      if (data.workload().equals(workload)) {
        return data;
      }
    }
    log.step("writing %s (%s, about %d records)", workload.name(), workload.describe(), workload.records());
    Datasets.Dataset data = datasets.intoKafka(workload, runs.freshTopic(workload.name()));
    written.add(data);
    return data;
  }
}

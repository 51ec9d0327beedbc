package dev.callchain.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Everything one bench run measured, for the report and the targets. */
record BenchResults(
    BenchPlan plan,
    List<StreamingDrainSection.WorkloadDrains> streaming,
    StreamingDrainSection.WorkloadDrains stateBackends,
    CheckpointSection.Result checkpoint,
    List<SubtaskBalanceSection.Result> subtaskBalance,
    List<ThroughputSection.WorkloadRuns> throughput,
    PrototypeSection.Result prototype,
    List<ScalingSection.Point> scaling,
    KeepUpSection.Result keepUp,
    List<SimulatorFigure> simulator,
    List<Datasets.Dataset> datasets,
    Measured directRunner,
    List<JmhSection.Score> jmh,
    List<Path> plots,
    double seconds) {
  /** The rate of traces the pipeline must keep up with (issue 14). */
  static final int KEEP_UP_TARGET_TRACES_PER_SECOND = 5_000;

  ThroughputSection.WorkloadRuns workload(String name) {
    return throughput.stream()
        .filter(w -> w.data().workload().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Output comparisons that were made and failed; the bench fails when any did. */
  List<String> unequalOutputs() {
    List<String> failures = new ArrayList<>();
    if (stateBackends.outputsDiffer()) {
      failures.add(stateBackends.data().workload().name() + " (state backends): " + stateBackends.outputCheck());
    }
    for (StreamingDrainSection.WorkloadDrains w : streaming) {
      if (w.outputsDiffer()) {
        failures.add(w.data().workload().name() + " (live streams): " + w.outputCheck());
      }
    }
    for (ThroughputSection.WorkloadRuns w : throughput) {
      if (w.nativeJob().measured() && !w.outputsEqual()) {
        failures.add(w.data().workload().name() + ": " + w.outputCheck());
      }
    }
    if (prototype.scan().measured() && !prototype.outputsEqual()) {
      failures.add(prototype.index().workload() + ": " + prototype.outputCheck());
    }
    return failures;
  }

  /**
   * The highest rate that kept up, against the rate it must keep up with: not measured when the
   * ladder ended below that rate with every rate kept up (the quick plan's).
   */
  static Target keepUpTarget(KeepUpSection.Result keepUp) {
    String name = String.format(Locale.ROOT, "sustained keep-up with --ip-pool-size %d: the highest rate at which"
        + " p99 <= floor + %,d ms", KeepUpSection.IP_POOL_SIZE, KeepUpRate.KEEP_UP_MS);
    int highest = keepUp.highestKeptUp().map(KeepUpRate::tracesPerSecond).orElse(0);
    if (highest < KEEP_UP_TARGET_TRACES_PER_SECOND && keepUp.missed().isEmpty()) {
      return Target.notMeasured(name, Target.Bound.AT_LEAST, KEEP_UP_TARGET_TRACES_PER_SECOND, "traces/s",
          keepUp.rates().isEmpty() ? "no rate was run"
              : String.format(Locale.ROOT, "every rate kept up, the highest run being %,d traces/s", highest));
    }
    return new Target(name, highest, Target.Bound.AT_LEAST, KEEP_UP_TARGET_TRACES_PER_SECOND, "traces/s", "");
  }

  /**
   * A streaming drain target: not measured when the rate is missing or the dataset too short for
   * it to time the stream rather than the idle flush.
   */
  static Target drainTarget(String name, StreamingDrainSection.WorkloadDrains w, double measured,
                            double threshold, String unit) {
    if (StreamingDrain.tooShort(w.data().workload()).isPresent()) {
      return Target.notMeasured(name, Target.Bound.AT_LEAST, threshold, unit,
          "too few records: the idle flush would be timed");
    }
    if (Double.isNaN(measured)) {
      return Target.notMeasured(name, Target.Bound.AT_LEAST, threshold, unit, "no drain reached 90%");
    }
    return new Target(name, measured, Target.Bound.AT_LEAST, threshold, unit, "");
  }

  /** A callchain drain rate target on the named workload; not measured when the plan has none. */
  private Target drainRateTarget(String workload, double threshold) {
    String name = "callchain streaming drain (10–90%), " + workload + " workload";
    return streaming.stream()
        .filter(w -> w.data().workload().name().equals(workload))
        .findFirst()
        .map(w -> drainTarget(name, w, w.recordsPerSecond(LiveSystem.CALLCHAIN), threshold, "records/s"))
        .orElse(Target.notMeasured(name, Target.Bound.AT_LEAST, threshold, "records/s",
            "no " + workload + " drain in the " + plan.name() + " plan"));
  }

  /** The targets, each with its measured value. */
  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    for (StreamingDrainSection.WorkloadDrains w : streaming) {
      String name = "callchain / native, streaming drain, " + w.data().workload().name() + " workload";
      targets.add(drainTarget(name, w, w.callchainVsNative(), 0.8, "x"));
    }
    targets.add(drainRateTarget("default", 50_000));
    targets.add(drainRateTarget("moderate", 30_000));
    targets.add(drainTarget("streaming drain (10–90%) on RocksDB / on the heap, "
            + stateBackends.data().workload().name() + " workload", stateBackends,
        stateBackends.ratio(LiveSystem.CALLCHAIN_ROCKSDB, LiveSystem.CALLCHAIN), 0.5, "x"));
    targets.add(CheckpointSection.target(checkpoint));
    // The target is the spread of a hot address, which the sliced run is for.
    targets.add(SubtaskBalanceSection.target(subtaskBalance.get(subtaskBalance.size() - 1)));
    String prototypeName = "callchain / scan baseline, " + prototype.index().workload() + " workload,"
        + " net of the fixed cost of a run" + (prototype.scanTimedOut() != null ? " (scan timed out: a lower bound)" : "");
    targets.add(prototype.scan().measured() || prototype.scanTimedOut() != null
        ? new Target(prototypeName, prototype.netSpeedup(), Target.Bound.AT_LEAST, 10, "x", "")
        : Target.notMeasured(prototypeName, Target.Bound.AT_LEAST, 10, "x", prototype.scan().note()));
    JmhSection.Growth growth = JmhSection.growth(jmh, JmhSection.ADMIT);
    targets.add(new Target(
        String.format("index cost per arrival (JMH admit) at %,d held / at %,d held;"
                + " logarithmic growth allows log2(1+%,d)/log2(1+%,d)",
            growth.mostHeld(), growth.leastHeld(), growth.mostHeld(), growth.leastHeld()),
        growth.costRatio(), Target.Bound.AT_MOST, growth.logarithmicRatio(), "x", ""));
    targets.add(keepUpTarget(keepUp));
    return targets;
  }
}

package dev.callchain.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything one bench run measured, for the report and the targets. */
record BenchResults(
    BenchPlan plan,
    List<ThroughputSection.WorkloadRuns> throughput,
    PrototypeSection.Result prototype,
    List<ScalingSection.Point> scaling,
    LatencySection.Result latency,
    List<SimulatorFigure> simulator,
    List<Datasets.Dataset> datasets,
    Measured directRunner,
    List<JmhSection.Score> jmh,
    List<Path> plots,
    double seconds) {

  ThroughputSection.WorkloadRuns workload(String name) {
    return throughput.stream()
        .filter(w -> w.data().workload().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Output comparisons that were made and failed; the bench fails when any did. */
  List<String> unequalOutputs() {
    List<String> failures = new ArrayList<>();
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
   * The p99 of latency over the floor; unbounded when more than 1% of the records had no output
   * at all: their latency is not known, only that the pipeline fell behind the input.
   */
  static Target latencyTarget(LatencySample sample) {
    String name = "latency − semantic floor, p99 per record";
    long total = sample.measured() + sample.missing();
    if (total == 0) {
      return Target.notMeasured(name, Target.Bound.AT_MOST, 1000, "ms", "no record measured");
    }
    if (sample.missing() * 100 > total) {
      return Target.unbounded(name, Target.Bound.AT_MOST, 1000, "ms", String.format(
          "%,d of %,d records had no output a minute after the input stopped: the pipeline fell behind",
          sample.missing(), total));
    }
    return new Target(name, sample.excess().at(99), Target.Bound.AT_MOST, 1000, "ms", "");
  }

  /** The targets, each with its measured value. */
  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    ThroughputSection.WorkloadRuns standard = workload("default");
    targets.add(new Target("callchain Kafka→Kafka throughput, default workload",
        standard.callchain().recordsPerSecond(), Target.Bound.AT_LEAST, 100_000, "records/s", ""));
    String beam = "callchain / native Flink job, default workload";
    targets.add(standard.nativeJob().measured()
        ? new Target(beam, standard.callchainVsNative(), Target.Bound.AT_LEAST, 0.5, "x", "")
        : Target.notMeasured(beam, Target.Bound.AT_LEAST, 0.5, "x", standard.nativeJob().note()));
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
    targets.add(latencyTarget(latency.sample()));
    return targets;
  }
}

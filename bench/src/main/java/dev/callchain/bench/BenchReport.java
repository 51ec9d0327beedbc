package dev.callchain.bench;

import dev.callchain.report.MarkdownTable;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** BENCHMARKS.md: the machine, the command, one table per section, the targets. */
final class BenchReport {
  private final BenchResults results;
  private final String command;
  private final String childHeap;
  private final Path repo;

  BenchReport(BenchResults results, String command, String childHeap, Path repo) {
    this.results = results;
    this.command = command;
    this.childHeap = childHeap;
    this.repo = repo;
  }

  /** The main table, printed to stdout too: every system as a live stream, as users run them. */
  MarkdownTable mainTable() {
    return StreamingDrainSection.table(results.streaming());
  }

  /**
   * The finite runs on the default workload and beside it: Kafka runs of {@code --maxRecords}, whose
   * watermark stays still until the input ends, and the DirectRunner's file run.
   */
  MarkdownTable batchTable() {
    ThroughputSection.WorkloadRuns standard = results.workload("default");
    double callchain = standard.callchain().recordsPerSecond();
    MarkdownTable table = new MarkdownTable("system", "data", "records", "records/s", "vs callchain",
        "peak heap MB", "held/address max");
    for (Measured m : List.of(standard.raw(), standard.callchain(), standard.nativeJob())) {
      row(table, m, "default " + standard.data().workload().describe() + ", --maxRecords", callchain);
    }
    PrototypeSection.Result prototype = results.prototype();
    row(table, prototype.index(), prototype.index().workload() + " (small)", prototype.index().recordsPerSecond());
    row(table, prototype.scan(), prototype.scan().workload() + " (small)", prototype.index().recordsPerSecond());
    row(table, results.directRunner(), "default, JSON Lines file", callchain);
    return table;
  }

  private static void row(MarkdownTable table, Measured m, String data, double reference) {
    table.row(m.system(), data, Format.number(m.records()),
        m.measured() ? m.recordsPerSecondWithSpread() : "n/a: " + m.note(),
        Format.ratio(m.recordsPerSecond() / reference),
        m.measured() ? Format.megabytes(m.peakHeapBytes()) : "n/a",
        m.heldPerAddressMax() > 0 ? Format.number(m.heldPerAddressMax()) : "–");
  }

  MarkdownTable targetTable() {
    MarkdownTable table = new MarkdownTable("target", "threshold", "measured", "verdict");
    for (Target t : results.targets()) {
      table.row(t.name(), t.describeThreshold(), Format.number(t.measured()) + " " + t.unit(), t.verdict());
    }
    return table;
  }

  /** How section 6 measures: rates, runs, what counts, how CPU is read. */
  private String keepUpText() {
    BenchPlan.KeepUpPlan plan = results.plan().keepUp();
    return String.format(Locale.ROOT, "The simulator in real time (`--realtime --ip-pool-size %d`, event time ="
            + " wall time) at rising rates of traces (%s traces/s; a trace is about %s records), each rate a"
            + " run of %d s of its own with fresh topics (`message.timestamp.type=LogAppendTime`) and a fresh"
            + " callchain streaming from one to the other (default bound %,d ms, file checkpoints every 60 s),"
            + " so that no rate inherits another's backlog or state. Measured per rate: the records that"
            + " arrived after a %d s warm-up and whose floor (end_at_ms + bound) lies %d s before the simulator"
            + " stopped, each by output append time − floor; a record with no output %d s after the stop counts"
            + " as the slowest (`unbounded` when a percentile falls on one). A rate keeps up when that p99 is"
            + " at most %,d ms; climbing stops at the first rate that does not.%n%n"
            + "CPU, in CPU seconds per wall second (1.00 = one of the %d cores), from the end of the warm-up to"
            + " the stop: each process's user + system time over all its threads (`/proc/<pid>/stat`, read"
            + " through its `ProcessHandle`). The simulator and the pipeline are JVMs of their own; the broker"
            + " is the bench's JVM, which hosts it and otherwise only waits meanwhile. The three share the"
            + " machine; `machine` is its busy time as a whole (`/proc/stat`), of which what the three did not"
            + " use went to other processes. Pacing lag: how far the simulator fell behind its schedule (p99"
            + " over the whole run).%n",
        KeepUpSection.IP_POOL_SIZE,
        plan.tracesPerSecond().stream().map(Format::number).collect(Collectors.joining(", ")),
        Format.number(recordsPerTrace()), plan.run().toSeconds(), KeepUpRun.BOUND_MS, plan.warmup().toSeconds(),
        KeepUpRun.MARGIN.toSeconds(), KeepUpRun.OUTPUT_WAIT.toSeconds(), KeepUpRate.KEEP_UP_MS, Runtime.getRuntime().availableProcessors());
  }

  /** Records per trace over every keep-up run; NaN before any. */
  private double recordsPerTrace() {
    List<KeepUpRate> rates = results.keepUp().rates();
    double records = rates.stream().mapToDouble(r -> r.simulator().records()).sum();
    double traces = rates.stream().mapToDouble(r -> r.simulator().traces()).sum();
    return records / traces;
  }

  /** The highest rate that kept up and where climbing stopped. */
  private String keepUpVerdict() {
    KeepUpSection.Result keepUp = results.keepUp();
    String highest = keepUp.highestKeptUp()
        .map(r -> String.format(Locale.ROOT, "**%s traces/s** (%s records/s in)", Format.number(r.tracesPerSecond()),
            Format.number(r.recordsPerSecondIn())))
        .orElse("**none**");
    String stop = keepUp.missed()
        .map(r -> String.format(Locale.ROOT, "; climbing stopped at %s traces/s, which did not%s",
            Format.number(r.tracesPerSecond()),
            keepUp.rates().size() < keepUp.ladder().size() ? " (higher rates not run)" : ""))
        .orElse("; every rate of the ladder kept up");
    return "Highest rate kept up: " + highest + stop + ".";
  }

  String markdown() {
    BenchPlan plan = results.plan();
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Generated by `").append(command).append("` (the ").append(plan.name()).append(" run, ")
        .append(Format.number(results.seconds() / 60)).append(" minutes). Do not edit by hand: run it again.\n\n");
    md.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
    md.append("- Machine: ").append(Machine.describe()).append('\n');
    md.append("- Each measured system ran in a JVM of its own (`-Xmx").append(childHeap)
        .append("` = -Xms, ").append(String.join(" ", ChildJvm.GC_FLAGS))
        .append("), apart from the in-process Kafka broker (one KRaft node, 5 partitions per topic)"
            + " and from each other; peak heap is what that JVM sampled every 100 ms.\n");
    md.append("- The machine is shared and noisy: compare ratios of systems measured side by side in this run,"
        + " not absolute numbers across runs. Batch rates are wall time from job submission to its end, cluster"
        + " start included (for the raw consumer: from subscribing).\n\n");

    md.append("## Summary: live streams draining a backlog\n\n");
    md.append("Each system started as a live stream, as users run it, on a dataset already in Kafka (seed ")
        .append(Workload.SEED).append("), from the earliest offsets: callchain on the FlinkRunner's embedded"
            + " cluster, parallelism 2, no `--maxRecords`, `--autoOffsetReset=earliest` with a fresh consumer"
            + " group; the native job with `--startFromEarliest`, parallelism 2. Both keep the defaults"
            + " (bound 30 s, idle flush 60 s, checkpoints every 60 s, into files for both). The output topic's"
            + " size (the sum of its end offsets) was read every 250 ms; the rate is the output records between"
            + " 10% and 90% of the dataset over the time between the two (interpolated between reads), which"
            + " leaves out the start and the tail. 100% comes only with the idle flush of the dataset's last 30 s"
            + " of event time, a minute after the input ends. The systems drained one after the other; the"
            + " default workload ran ")
        .append(plan.drainRepeats())
        .append(" round(s), each starting with the other system (median, range).\n\n");
    md.append(mainTable().render()).append('\n');
    md.append(StreamingDrainSection.notes(results.streaming())).append('\n');
    md.append("## Targets\n\n").append(targetTable().render()).append('\n');
    md.append("The streaming targets replace the batch ones"
        + " (>= 100,000 records/s and callchain/native >= 0.5x on `--maxRecords` runs).\n\n");

    md.append("## Batch runs (--maxRecords, watermark still until the end)\n\n");
    md.append(batchTable().render()).append('\n');

    md.append("## 1, 2, 4. Batch throughput (--maxRecords, watermark still until the end): raw consumer,"
        + " callchain, hand-written Flink job\n\n");
    md.append("Datasets from the simulator in fast mode (seed ").append(Workload.SEED).append(", base time ")
        .append(Workload.BASE_TIME_MS).append("), written once into a 5-partition topic; each system reads the"
        + " same topic. callchain: FlinkRunner, embedded cluster, parallelism 2, `--maxRecords` = the"
        + " dataset size (a finite Kafka run: Flink's streaming engine, the runner's own bundle size)."
        + " The default workload ran ").append(plan.repeats())
        .append(" time(s) per system (median, range); the others once.\n\n");
    md.append(ThroughputSection.table(results.throughput()).render()).append('\n');
    md.append(ThroughputSection.ratios(results.throughput()).render()).append('\n');
    md.append("A finite Kafka run (`--maxRecords`) reads through Beam's bounded wrapper of the Kafka source,"
        + " whose watermark stays at its minimum until the input is exhausted: callchain holds every call"
        + " until the end, hence held/address max ≈ the calls per address of the whole dataset. The native"
        + " job's bounded Kafka source advances its watermark as it reads.\n\n");

    PrototypeSection.Result prototype = results.prototype();
    md.append("## 3. The prototype's algorithm (`--linker=scan`)\n\n");
    md.append("Same pipeline and data (").append(prototype.index().workload()).append(", ")
        .append(Format.number(prototype.index().records())).append(" records: the scan is quadratic).\n\n");
    md.append(PrototypeSection.table(prototype).render()).append('\n');
    md.append("- Speed-up of the index, wall time: ").append(Format.ratio(prototype.speedup()))
        .append("; net of the fixed cost of a run (").append(Format.number(prototype.fixedCostSeconds()))
        .append(" s, a run over ").append(Format.number(plan.startupRecords())).append(" records): ")
        .append(Format.ratio(prototype.netSpeedup()))
        .append(prototype.scanTimedOut() != null ? " (lower bounds: the scan timed out)" : "").append('\n');
    md.append("- Output check: ").append(prototype.outputCheck()).append("\n\n");

    md.append("## 5. Scaling with calls held per address\n\n");
    md.append(ScalingSection.table(results.scaling()).render()).append('\n');
    JmhSection.Growth growth = JmhSection.growth(results.jmh(), JmhSection.ADMIT);
    md.append(String.format(Locale.ROOT, "A finite Kafka run holds every call until it ends, and the"
            + " simulator's single client address receives every Main call, so the held count grows with"
            + " the dataset, whatever the interval or pool size. Net µs/record subtracts the time of a"
            + " %,d-record run (%.1f s: mostly cluster start); where noise exceeds the work it is n/a."
            + " Scan points are capped at %,d records and a %d s budget; a point over the budget ends the"
            + " scan series, and no number is extrapolated.%n%n"
            + "The index alone (JMH `admit`, section 9) costs %.2fx as much per arrival at %,d held as at %,d;"
            + " logarithmic growth would allow %.2fx.%n%n",
        plan.startupRecords(), results.prototype().fixedCostSeconds(), plan.scanScalingCap(),
        plan.scanPointBudget().toSeconds(), growth.costRatio(), growth.mostHeld(), growth.leastHeld(),
        growth.logarithmicRatio()));
    for (Path plot : results.plots()) {
      String relative = repo.relativize(plot.toAbsolutePath()).toString();
      md.append("![").append(plot.getFileName()).append("](").append(relative).append(")\n");
    }
    md.append('\n');

    md.append("## 6. Sustained keep-up\n\n").append(keepUpText()).append('\n');
    md.append(KeepUpSection.table(results.keepUp()).render()).append('\n');
    md.append(keepUpVerdict()).append("\n\n");

    md.append("## 7. Simulator\n\n");
    md.append(SimulatorSection.table(results.simulator(), results.datasets()).render()).append('\n');
    md.append("## 8. DirectRunner\n\n");
    md.append(DirectRunnerSection.table(results.directRunner()).render()).append('\n');
    md.append("## 9. JMH: the linking index\n\n");
    md.append("`CallIndexBenchmark`: `lookup` = the parents containing one child interval in a `CallIndex`;"
        + " `admit` = one arrival at a `CallsAtAddress` (link, insert, and eviction every held/8 arrivals,"
        + " so the held count stays within 12.5%).\n\n");
    md.append(JmhSection.table(results.jmh()).render()).append('\n');
    return md.toString();
  }
}

package dev.callchain.bench;

import dev.callchain.pipeline.options.OptionsReader;
import dev.callchain.report.MarkdownTable;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

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
    return StreamingDrainSection.table(results.streaming(), LiveSystem.NATIVE, "vs native");
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

  /** RocksDB against the heap, a checkpoint of a large state, records per linking worker. */
  private String stateSection() {
    StreamingDrainSection.WorkloadDrains backends = results.stateBackends();
    CheckpointSection.Result checkpoint = results.checkpoint();
    List<SubtaskBalanceSection.Result> balance = results.subtaskBalance();
    StringBuilder md = new StringBuilder("## State: RocksDB and the heap, a large checkpoint, parallel linking\n\n");
    md.append("callchain drained a dataset of the ").append(backends.data().workload().name())
        .append(" workload as a live stream, as in the summary, twice, one after the other: its state on the heap"
            + " (`stateBackend=filesystem`, one key per address, as everywhere else here) and in RocksDB"
            + " (`--stateBackend=rocksdb`, with incremental checkpoints, timers on the heap, and each address cut"
            + " into slices of " + OptionsReader.ROCKSDB_SLICE_MS + " ms of event time, which RocksDB gets unless"
            + " `--addressSliceMs` says otherwise); both"
            + " checkpoint every 60 s into files. Each ran as a user runs it with the one option.\n\n");
    md.append(StreamingDrainSection.table(List.of(backends), LiveSystem.CALLCHAIN, "vs heap").render()).append('\n');
    md.append(StreamingDrainSection.notes(List.of(backends))).append('\n');
    md.append(String.format(Locale.ROOT, "A checkpoint with every call held: callchain streamed a dataset of the"
            + " %s workload with `--maxOutOfOrderMs` and `--idleFlushMs` of %d days, so that it emits and flushes"
            + " nothing and holds every call twice (under each of its two addresses), on the heap, checkpointing"
            + " every %d s into files. Once the linker held them all (its `held_call_roles` metric), the first"
            + " checkpoint triggered after that was read from Flink's REST API (`/jobs/:id/checkpoints`): its"
            + " duration from trigger to the last acknowledgement, and the size of its state.%n%n",
        checkpoint.data().workload().name(), CheckpointSection.HOLD_ALL.toDays(),
        CheckpointSection.CHECKPOINT_INTERVAL.toSeconds()));
    md.append(CheckpointSection.table(checkpoint).render()).append('\n');
    md.append(String.format(Locale.ROOT, "Records per linking worker: callchain streamed a dataset of the %s"
            + " workload at `--parallelism=%d`; once it had read it all, Flink's records in per subtask of the"
            + " linker's vertex (LinkAtAddress, REST API `read-records`), with each address one key (the default),"
            + " then with `--addressSliceMs=%d`, which cuts each address into slices of event time, each its own"
            + " key (a call goes to every slice it overlaps, so the sliced run takes in more records).%n%n",
        balance.get(0).data().workload().name(), SubtaskBalanceSection.PARALLELISM, SubtaskBalanceSection.SLICE_MS));
    md.append(SubtaskBalanceSection.table(balance).render()).append('\n');
    return md.toString();
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
    if (ChildJvm.recordsFlights()) {
      md.append("- Every measured JVM was recorded with JFR (profile settings, `BENCH_JFR_DIR`), which costs"
          + " some speed: compare with runs recorded the same way.\n");
    }
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

    md.append(stateSection());

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

    md.append("## 6. Sustained keep-up\n\n").append(KeepUpSection.describe(plan.keepUp(), results.keepUp()))
        .append('\n');
    md.append(KeepUpSection.table(results.keepUp()).render()).append('\n');
    md.append(KeepUpSection.verdict(results.keepUp())).append("\n\n");

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

package dev.callchain.bench;

import dev.callchain.report.MarkdownTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sections 1, 2 and 4, batch runs: on each workload's dataset, the raw consumer (the ceiling),
 * callchain on the FlinkRunner ({@code --maxRecords}: its watermark stays still until the input
 * ends), and the hand-written Flink job (bounded); callchain's and the Flink job's outputs must be
 * equal. The default workload runs {@code repeats} times.
 */
final class ThroughputSection {
  static final String RAW = "raw KafkaConsumer + Jackson";
  static final String CALLCHAIN = "callchain (FlinkRunner, index)";
  static final String NATIVE = "native Flink DataStream job";

  /** All runs on one dataset, and whether callchain and the Flink job agreed. */
  record WorkloadRuns(Datasets.Dataset data, Measured raw, Measured callchain, Measured nativeJob,
                      String outputCheck, boolean outputsEqual) {
    double callchainVsNative() {
      return callchain.recordsPerSecond() / nativeJob.recordsPerSecond();
    }

    double callchainVsRaw() {
      return callchain.recordsPerSecond() / raw.recordsPerSecond();
    }
  }

  private final Runs runs;
  private final Log log;

  ThroughputSection(Runs runs, Log log) {
    this.runs = runs;
    this.log = log;
  }

  WorkloadRuns measure(Datasets.Dataset data, int repeats) throws InterruptedException {
    String workload = data.workload().name();
    List<ChildResult> raw = new ArrayList<>();
    List<ChildResult> callchain = new ArrayList<>();
    List<ChildResult> nativeJob = new ArrayList<>();
    Runs.PipelineRun firstCallchain = null;
    Runs.PipelineRun firstNative = null;
    boolean nativeMissing = false;
    for (int i = 0; i < repeats; i++) {
      log.step("%s: raw consumer, run %d/%d", workload, i + 1, repeats);
      raw.add(runs.raw(data));
      log.step("%s: callchain, run %d/%d", workload, i + 1, repeats);
      Runs.PipelineRun run = runs.callchain("index", data, List.of()).orElseThrow();
      callchain.add(run.result());
      firstCallchain = firstCallchain == null ? run : firstCallchain;
      if (!nativeMissing) {
        log.step("%s: native Flink job, run %d/%d", workload, i + 1, repeats);
        Optional<Runs.PipelineRun> job = runs.nativeFlink(data);
        nativeMissing = job.isEmpty();
        if (job.isPresent()) {
          nativeJob.add(job.get().result());
          firstNative = firstNative == null ? job.get() : firstNative;
        }
      }
    }
    String check;
    boolean equal = false;
    if (firstNative == null) {
      check = "native job not available";
    } else {
      log.step("%s: comparing callchain's and the native job's outputs", workload);
      OutputDigest.Comparison comparison = runs.digest(firstCallchain).compareWith(runs.digest(firstNative));
      equal = comparison.equal();
      check = "callchain vs native: " + comparison.describe();
    }
    log.result("%s: %s", workload, check);
    long records = data.records();
    return new WorkloadRuns(
        data,
        Measured.of(RAW, workload, records, raw),
        Measured.of(CALLCHAIN, workload, records, callchain),
        nativeMissing
            ? Measured.missing(NATIVE, workload, records, "native-flink has no job on the class path")
            : Measured.of(NATIVE, workload, records, nativeJob),
        check,
        equal);
  }

  static MarkdownTable table(List<WorkloadRuns> all) {
    MarkdownTable table =
        new MarkdownTable("workload", "system", "records", "runs", "records/s (median, range)",
            "vs raw", "peak heap MB", "held/address max");
    for (WorkloadRuns w : all) {
      for (Measured m : List.of(w.raw(), w.callchain(), w.nativeJob())) {
        table.row(
            w.data().workload().name(),
            m.system(),
            Format.number(m.records()),
            m.runs().size(),
            m.measured() ? m.recordsPerSecondWithSpread() : "n/a: " + m.note(),
            Format.ratio(m.recordsPerSecond() / w.raw().recordsPerSecond()),
            m.measured() ? Format.megabytes(m.peakHeapBytes()) : "n/a",
            m.heldPerAddressMax() > 0 ? Format.number(m.heldPerAddressMax()) : "–");
      }
    }
    return table;
  }

  static MarkdownTable ratios(List<WorkloadRuns> all) {
    MarkdownTable table =
        new MarkdownTable("workload", "flags", "callchain / raw", "callchain / native (price of Beam)",
            "outputs");
    for (WorkloadRuns w : all) {
      table.row(w.data().workload().name(), w.data().workload().describe(),
          Format.ratio(w.callchainVsRaw()), Format.ratio(w.callchainVsNative()), w.outputCheck());
    }
    return table;
  }
}

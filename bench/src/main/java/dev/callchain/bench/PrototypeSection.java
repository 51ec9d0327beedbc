package dev.callchain.bench;

import dev.callchain.report.MarkdownTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Section 3: callchain's index against the prototype's algorithm ({@code --linker=scan}: JSON
 * re-parsed per comparison, a full scan per record, a timer per record) on the same dense data.
 * Their outputs must be equal. The scan is quadratic, so this dataset is small.
 */
final class PrototypeSection {
  static final String SCAN = "callchain --linker=scan (prototype)";

  /**
   * @param scanTimedOut the scan's time limit if it hit it, else null
   * @param fixedCostSeconds the wall time of a run over a few records, which both runs pay alike
   */
  record Result(Measured index, Measured scan, Duration scanTimedOut, double fixedCostSeconds,
                String outputCheck, boolean outputsEqual) {
    /** How many times faster the index is, wall time against wall time; a lower bound on a timeout. */
    double speedup() {
      return scanSeconds() / index.seconds();
    }

    /** The same without the fixed cost of a run: the linking algorithms against each other. */
    double netSpeedup() {
      double net = index.seconds() - fixedCostSeconds;
      return net > 0 ? (scanSeconds() - fixedCostSeconds) / net : Double.NaN;
    }

    private double scanSeconds() {
      return scanTimedOut != null ? scanTimedOut.toSeconds() : scan.seconds();
    }
  }

  private final Runs runs;
  private final Log log;

  PrototypeSection(Runs runs, Log log) {
    this.runs = runs;
    this.log = log;
  }

  Result measure(Datasets.Dataset data, Duration scanTimeout, double fixedCostSeconds)
      throws InterruptedException {
    String workload = data.workload().name();
    log.step("%s (%d records): callchain index", workload, data.records());
    Runs.PipelineRun index = runs.callchain("index", data, List.of()).orElseThrow();
    log.step("%s (%d records): callchain --linker=scan", workload, data.records());
    Optional<Runs.PipelineRun> scan;
    Measured scanMeasured;
    Duration timedOut = null;
    try {
      scan = runs.callchain("scan", data, List.of("--linker=scan"), scanTimeout);
      scanMeasured =
          scan.map(run -> Measured.of(SCAN, workload, data.records(), List.of(run.result())))
              .orElse(Measured.missing(SCAN, workload, data.records(),
                  "the pipeline has no --linker option yet"));
    } catch (ChildJvm.ChildFailure e) {
      if (e.exitCode != ChildJvm.TIMED_OUT) {
        throw e;
      }
      scan = Optional.empty();
      timedOut = scanTimeout;
      scanMeasured = Measured.missing(SCAN, workload, data.records(),
          "timed out after " + scanTimeout.toSeconds() + " s");
    }
    String check = "scan not measured";
    boolean equal = false;
    if (scan.isPresent()) {
      log.step("%s: comparing the index's and the scan's outputs", workload);
      OutputDigest.Comparison comparison = runs.digest(index).compareWith(runs.digest(scan.get()));
      equal = comparison.equal();
      check = "index vs scan: " + comparison.describe();
    }
    log.result("%s: %s", workload, check);
    return new Result(Measured.of(ThroughputSection.CALLCHAIN, workload, data.records(),
        List.of(index.result())), scanMeasured, timedOut, fixedCostSeconds, check, equal);
  }

  static MarkdownTable table(Result result) {
    MarkdownTable table =
        new MarkdownTable("system", "records", "seconds", "records/s", "peak heap MB", "held/address max");
    // The same data, so the same calls held: the scan does not count them, the index does.
    String held = Format.number(result.index().heldPerAddressMax());
    for (Measured m : List.of(result.index(), result.scan())) {
      table.row(m.system(), Format.number(m.records()),
          m.measured() ? Format.number(m.seconds()) : "n/a",
          m.measured() ? Format.number(m.recordsPerSecond()) : "n/a: " + m.note(),
          m.measured() ? Format.megabytes(m.peakHeapBytes()) : "n/a", held);
    }
    return table;
  }
}

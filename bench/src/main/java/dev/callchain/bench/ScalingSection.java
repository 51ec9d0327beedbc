package dev.callchain.bench;

import dev.callchain.report.LinePlot;
import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Section 5: records/s and wall time per record as the calls held per address grow, callchain's
 * index against the prototype's scan. The scan is quadratic: its datasets are capped, each point
 * has a time budget, and once one point runs out of it the larger ones are skipped, not guessed.
 */
final class ScalingSection {
  record Point(Workload workload, Measured index, Measured scan) {}

  private final Runs runs;
  private final Datasets datasets;
  private final Log log;

  ScalingSection(Runs runs, Datasets datasets, Log log) {
    this.runs = runs;
    this.datasets = datasets;
    this.log = log;
  }

  List<Point> measure(List<Workload> points, long scanCap, Duration scanBudget)
      throws IOException, InterruptedException {
    List<Point> measured = new ArrayList<>();
    String skipScan = null;
    for (Workload workload : points) {
      Datasets.Dataset data = datasets.intoKafka(workload, runs.freshTopic(workload.name()));
      log.step("scaling %s (%s, %d records): callchain index", workload.name(), workload.describe(),
          data.records());
      Runs.PipelineRun index = runs.callchain("index", data, List.of()).orElseThrow();
      Measured indexMeasured = Measured.of(ThroughputSection.CALLCHAIN, workload.name(), data.records(),
          List.of(index.result()));
      log.result("held/address max %d, %.0f records/s", indexMeasured.heldPerAddressMax(),
          indexMeasured.recordsPerSecond());
      Workload capped = workload.withRecords(Math.min(workload.records(), scanCap));
      Measured scan;
      if (skipScan != null) {
        scan = Measured.missing(PrototypeSection.SCAN, workload.name(), capped.records(), skipScan);
      } else {
        Datasets.Dataset scanData = capped.records() == workload.records()
            ? data : datasets.intoKafka(capped, runs.freshTopic(workload.name() + "-capped"));
        log.step("scaling %s (%d records): callchain --linker=scan", workload.name(), scanData.records());
        scan = scan(scanData, scanBudget);
        if (!scan.measured()) {
          skipScan = "skipped: " + scan.note() + " at a smaller held count";
        }
      }
      measured.add(new Point(workload, indexMeasured, scan));
    }
    return measured;
  }

  private Measured scan(Datasets.Dataset data, Duration budget) throws InterruptedException {
    String workload = data.workload().name();
    try {
      Optional<Runs.PipelineRun> run = runs.callchain("scan", data, List.of("--linker=scan"), budget);
      return run.map(r -> Measured.of(PrototypeSection.SCAN, workload, data.records(), List.of(r.result())))
          .orElse(Measured.missing(PrototypeSection.SCAN, workload, data.records(),
              "the pipeline has no --linker option yet"));
    } catch (ChildJvm.ChildFailure e) {
      if (e.exitCode != ChildJvm.TIMED_OUT) {
        throw e;
      }
      return Measured.missing(PrototypeSection.SCAN, workload, data.records(),
          "over the " + budget.toSeconds() + " s budget");
    }
  }

  /**
   * Per-record cost at the most held against the least held, and what logarithmic growth would
   * allow: log2(1 + most) / log2(1 + least).
   */
  record Growth(long leastHeld, long mostHeld, double costRatio, double logarithmicRatio) {}

  static Growth growth(List<Point> points) {
    Comparator<Point> byHeld = Comparator.comparingLong(p -> p.index().heldPerAddressMax());
    Point least = points.stream().min(byHeld).orElseThrow();
    Point most = points.stream().max(byHeld).orElseThrow();
    long leastHeld = least.index().heldPerAddressMax();
    long mostHeld = most.index().heldPerAddressMax();
    return new Growth(leastHeld, mostHeld,
        most.index().microsPerRecord() / least.index().microsPerRecord(),
        log2(1 + mostHeld) / log2(1 + leastHeld));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  static MarkdownTable table(List<Point> points) {
    MarkdownTable table =
        new MarkdownTable("point", "flags", "index records", "index held/address max", "index records/s",
            "index µs/record", "scan records", "scan held/address max", "scan records/s", "scan µs/record");
    for (Point p : points) {
      Measured scan = p.scan();
      table.row(p.workload().name(), p.workload().describe(), Format.number(p.index().records()),
          Format.number(p.index().heldPerAddressMax()), Format.number(p.index().recordsPerSecond()),
          Format.number(p.index().microsPerRecord()), Format.number(scan.records()),
          scan.measured() ? Format.number(scan.heldPerAddressMax()) : "–",
          scan.measured() ? Format.number(scan.recordsPerSecond()) : "n/a: " + scan.note(),
          scan.measured() ? Format.number(scan.microsPerRecord()) : "n/a");
    }
    return table;
  }

  /** records/s and µs/record against held per address, log x; the scan only where measured. */
  static List<Path> plot(List<Point> points, Path dir) throws IOException {
    Path rate = dir.resolve("scaling-records-per-second.png");
    Path cost = dir.resolve("scaling-micros-per-record.png");
    LinePlot ratePlot = LinePlot.titled("callchain: records/s vs calls held per address",
        "calls held per address (max)", "records/s").logX().logY();
    LinePlot costPlot = LinePlot.titled("callchain: wall time per record vs calls held per address",
        "calls held per address (max)", "µs per record").logX().logY();
    Comparator<Measured> byHeld = Comparator.comparingLong(Measured::heldPerAddressMax);
    List<Measured> index = points.stream().map(Point::index).sorted(byHeld).toList();
    List<Measured> scan =
        points.stream().map(Point::scan).filter(Measured::measured).sorted(byHeld).toList();
    ratePlot.series("index", held(index), values(index, true));
    costPlot.series("index", held(index), values(index, false));
    if (!scan.isEmpty()) {
      ratePlot.series("scan (prototype)", held(scan), values(scan, true));
      costPlot.series("scan (prototype)", held(scan), values(scan, false));
    }
    ratePlot.writePng(rate);
    costPlot.writePng(cost);
    return List.of(rate, cost);
  }

  private static double[] held(List<Measured> measured) {
    return measured.stream().mapToDouble(m -> Math.max(1, m.heldPerAddressMax())).toArray();
  }

  private static double[] values(List<Measured> measured, boolean rate) {
    return measured.stream()
        .mapToDouble(m -> rate ? m.recordsPerSecond() : m.microsPerRecord())
        .toArray();
  }
}

package dev.callchain.bench;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.report.LinePlot;
import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Section 5: records/s and net wall time per record as the calls held per address grow, callchain's
 * index against the prototype's scan, on the default workload at growing sizes (a finite run holds
 * everything until its end, so size sets the held count). Net time subtracts a run of a few
 * records, which is mostly cluster start. The scan is quadratic: its datasets are capped, each
 * point has a time budget, and once one point runs out of it the larger ones are skipped, never
 * guessed.
 */
final class ScalingSection {
  /**
   * @param scanHeld calls held per address (max) in the scan's dataset, as the index reports it on
   *     the very same data (the scan does not count them; both hold the same calls)
   */
  record Point(Workload workload, Measured index, Measured scan, long scanHeld, double startupSeconds) {
    /** Wall time per record beyond the fixed cost of a run; NaN when noise hides it. */
    double netMicrosPerRecord() {
      return netMicros(index, startupSeconds);
    }

    double scanNetMicrosPerRecord() {
      return netMicros(scan, startupSeconds);
    }

    private static double netMicros(Measured m, double startupSeconds) {
      double net = m.measured() ? (m.seconds() - startupSeconds) * 1e6 / m.records() : Double.NaN;
      return net > 0 ? net : Double.NaN;
    }
  }

  private final Runs runs;
  private final Datasets datasets;
  private final Log log;

  ScalingSection(Runs runs, Datasets datasets, Log log) {
    this.runs = runs;
    this.datasets = datasets;
    this.log = log;
  }

  /** The wall time of a callchain run over a few records: its fixed cost, mostly cluster start. */
  double fixedCostSeconds(long records) throws IOException, InterruptedException {
    Datasets.Dataset tiny = datasets.intoKafka(Workload.defaults(records), runs.freshTopic("startup"));
    log.step("fixed cost: callchain on %d records", tiny.records());
    double seconds = runs.callchain("index", tiny, List.of()).orElseThrow().result().seconds();
    log.result("fixed cost of a run: %.1f s", seconds);
    return seconds;
  }

  List<Point> measure(List<Long> sizes, long scanCap, Duration scanBudget, double startup)
      throws IOException, InterruptedException {
    List<Point> measured = new ArrayList<>();
    String skipScan = null;
    for (long size : sizes) {
      Workload workload = Workload.defaults(size);
      Datasets.Dataset data = datasets.intoKafka(workload, runs.freshTopic("scale-" + size));
      log.step("scaling: callchain index on %d records", data.records());
      Runs.PipelineRun index = runs.callchain("index", data, List.of()).orElseThrow();
      Measured indexMeasured = Measured.of(ThroughputSection.CALLCHAIN, workload.name(), data.records(),
          List.of(index.result()));
      log.result("held/address max %d, %.0f records/s", indexMeasured.heldPerAddressMax(),
          indexMeasured.recordsPerSecond());
      Workload capped = workload.withRecords(Math.min(size, scanCap));
      Measured scan;
      long scanHeld = indexMeasured.heldPerAddressMax();
      if (skipScan != null) {
        scan = Measured.missing(PrototypeSection.SCAN, workload.name(), capped.records(), skipScan);
      } else {
        Datasets.Dataset scanData = data;
        if (capped.records() < size) {
          scanData = datasets.intoKafka(capped, runs.freshTopic("scale-" + size + "-capped"));
          log.step("scaling: callchain index on the scan's %d records, for their held count", scanData.records());
          scanHeld = runs.callchain("index", scanData, List.of()).orElseThrow().result()
              .metric(CallchainMetrics.HELD_PER_ADDRESS + "_max");
        }
        log.step("scaling: callchain --linker=scan on %d records", scanData.records());
        scan = scan(scanData, scanBudget);
        if (!scan.measured()) {
          skipScan = "skipped: " + scan.note() + " at a smaller size";
        }
      }
      measured.add(new Point(workload, indexMeasured, scan, scanHeld, startup));
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

  static MarkdownTable table(List<Point> points) {
    MarkdownTable table =
        new MarkdownTable("records", "index held/address max", "index records/s", "index net µs/record",
            "scan records", "scan held/address max", "scan records/s", "scan net µs/record");
    for (Point p : points) {
      Measured scan = p.scan();
      table.row(Format.number(p.index().records()), Format.number(p.index().heldPerAddressMax()),
          Format.number(p.index().recordsPerSecond()), Format.number(p.netMicrosPerRecord()),
          Format.number(scan.records()),
          scan.measured() ? Format.number(p.scanHeld()) : "–",
          scan.measured() ? Format.number(scan.recordsPerSecond()) : "n/a: " + scan.note(),
          Format.number(p.scanNetMicrosPerRecord()));
    }
    return table;
  }

  /** records/s and net µs/record against held per address, log x; the scan only where measured. */
  static List<Path> plot(List<Point> points, Path dir) throws IOException {
    Path rate = dir.resolve("scaling-records-per-second.png");
    Path cost = dir.resolve("scaling-micros-per-record.png");
    LinePlot ratePlot = LinePlot.titled("callchain: records/s vs calls held per address",
        "calls held per address (max)", "records/s").logX().logY();
    LinePlot costPlot = LinePlot.titled("callchain: net wall time per record vs calls held per address",
        "calls held per address (max)", "µs per record (net of a run's fixed cost)").logX().logY();
    List<Point> byHeld = points.stream()
        .sorted(Comparator.comparingLong(p -> p.index().heldPerAddressMax())).toList();
    ratePlot.series("index", held(byHeld, false), values(byHeld, p -> p.index().recordsPerSecond()));
    List<Point> withCost = byHeld.stream().filter(p -> !Double.isNaN(p.netMicrosPerRecord())).toList();
    if (!withCost.isEmpty()) {
      costPlot.series("index", held(withCost, false), values(withCost, Point::netMicrosPerRecord));
    }
    List<Point> scanned = byHeld.stream()
        .filter(p -> p.scan().measured()).sorted(Comparator.comparingLong(Point::scanHeld))
        .toList();
    if (!scanned.isEmpty()) {
      ratePlot.series("scan (prototype)", held(scanned, true), values(scanned, p -> p.scan().recordsPerSecond()));
      List<Point> scanCost = scanned.stream().filter(p -> !Double.isNaN(p.scanNetMicrosPerRecord())).toList();
      if (!scanCost.isEmpty()) {
        costPlot.series("scan (prototype)", held(scanCost, true), values(scanCost, Point::scanNetMicrosPerRecord));
      }
    }
    ratePlot.writePng(rate);
    if (withCost.isEmpty()) {
      return List.of(rate);
    }
    costPlot.writePng(cost);
    return List.of(rate, cost);
  }

  private static double[] held(List<Point> points, boolean scan) {
    return points.stream()
        .mapToDouble(p -> Math.max(1, scan ? p.scanHeld() : p.index().heldPerAddressMax()))
        .toArray();
  }

  private static double[] values(List<Point> points, ToDoubleFunction<Point> value) {
    return points.stream().mapToDouble(value).toArray();
  }
}

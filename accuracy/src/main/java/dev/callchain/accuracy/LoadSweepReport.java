package dev.callchain.accuracy;

import dev.callchain.report.LinePlot;
import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** ACCURACY.md and its two plots, from the points of a load sweep. */
final class LoadSweepReport {
  static final String MARKDOWN = "ACCURACY.md";
  static final String PRECISION_PNG = "precision-vs-concurrency.png";
  static final String TRACES_PNG = "traces-exact-vs-concurrency.png";

  private LoadSweepReport() {}

  /** Writes the report into {@code dir}; returns the Markdown file. */
  static Path write(List<LoadSweep.Point> points, LoadSweep.Settings settings, double seconds, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    List<LoadSweep.Point> byConcurrency = new ArrayList<>(points);
    byConcurrency.sort(Comparator.comparingDouble(point -> point.accuracy().concurrency()));
    boolean bestParent = points.stream().anyMatch(point -> point.accuracy().hasBestParent());
    plot(byConcurrency, "Precision of parent links vs concurrency", "precision of parent links",
        a -> a.overall().precision(), a -> a.overall().bestParentPrecision(), bestParent,
        dir.resolve(PRECISION_PNG));
    plot(byConcurrency, "Traces reconstructed exactly vs concurrency", "share of traces exact",
        Accuracy::tracesExactShare, Accuracy::tracesExactBestParentShare, bestParent,
        dir.resolve(TRACES_PNG));
    Path markdown = dir.resolve(MARKDOWN);
    Files.writeString(markdown, markdown(points, settings, seconds, bestParent), StandardCharsets.UTF_8);
    return markdown;
  }

  private static String markdown(List<LoadSweep.Point> points, LoadSweep.Settings settings, double seconds,
      boolean bestParent) {
    StringBuilder text = new StringBuilder("# Link accuracy vs load\n\n");
    text.append("How often the pipeline's links are right, against the simulator's ground truth (`--truth`).")
        .append(" Each load: ")
        .append(Figures.count(settings.traces())).append(" traces from the simulator in fast mode (`--count ")
        .append(settings.traces()).append(" --interval I --ip-pool-size P --seed ").append(settings.seed())
        .append("`), linked by a bounded file run of the pipeline on the embedded Flink cluster")
        .append(settings.bestParent() ? " with `--bestParent=true`" : "")
        .append(" (its output is the all-pairs result of the rule), scored by")
        .append(" `java -jar accuracy/target/callchain-accuracy.jar load-sweep")
        .append(settings.quick() ? " --quick" : "").append("`. The whole sweep took ")
        .append(Figures.seconds(seconds)).append(". Requests are evenly spaced (the simulator's default")
        .append(" `--std-dev 0`), so at an interval longer than a Main call no two Main calls overlap and every")
        .append(" link is right.\n\n");
    if (!bestParent) {
      text.append("The output had no `best_parent` (the pipeline ran without `--bestParent=true`):")
          .append(" its columns are n/a.\n\n");
    }
    text.append(definitions());
    text.append("## Overall\n\n").append(overallTable(points).render()).append('\n');
    text.append("![precision vs concurrency](").append(PRECISION_PNG).append(")\n\n");
    text.append("![traces exact vs concurrency](").append(TRACES_PNG).append(")\n\n");
    for (ServiceEdge edge : ServiceEdge.values()) {
      text.append("## ").append(edge.label()).append("\n\n").append(edgeTable(points, edge).render())
          .append('\n');
    }
    text.append("## Records not scored\n\n").append(unscored(points)).append('\n');
    text.append("## Run time\n\n").append(runTable(points).render());
    return text.toString();
  }

  private static String definitions() {
    return """
        - **concurrency**: Main calls in flight on one Main address, averaged over the run: the summed \
        duration of the Main calls / (Main addresses × the span from the first start to the last end). \
        A Sub1 or Sub2 call's true parent competes with the other Main calls in flight on its address; \
        each of them that contains the call is a wrong candidate.
        - **precision**: true links / all links in `parents`; **recall**: records whose true parent is \
        in `parents` / records that have a true parent (every record but Main's).
        - **exactly one parent**: records with exactly one parent; for Main records that one is wrong \
        (the client's request is not logged, so Main has no true parent).
        - **mean candidates**: parents per record.
        - **true parent among parents** (per edge): records whose true parent is in `parents`; a Main \
        record counts when it has no parents.
        - **traces exact**: traces in which every record has `parents` == {its true parent} (Main: \
        none); for `best_parent`, every record's `best_parent` == its true parent (Main: null).
        - **best_parent precision**: correct / non-null `best_parent`; **recall**: correct / records \
        that have a true parent.

        """;
  }

  private static MarkdownTable overallTable(List<LoadSweep.Point> points) {
    MarkdownTable table = new MarkdownTable("interval ms", "ip pool", "concurrency", "precision",
        "recall", "exactly one parent", "mean candidates", "traces exact", "best_parent precision",
        "best_parent recall", "best_parent traces exact");
    for (LoadSweep.Point point : points) {
      Accuracy a = point.accuracy();
      LinkTally all = a.overall();
      table.row(point.load().interval(), point.load().poolSize(), Figures.decimal(a.concurrency()),
          Figures.percent(all.precision()), Figures.percent(all.recall()),
          Figures.percent(all.exactlyOneParent()), Figures.decimal(all.meanCandidates()),
          Figures.percent(a.tracesExactShare()),
          AccuracyReport.bestParent(all.bestParentPrecision(), a.hasBestParent()),
          AccuracyReport.bestParent(all.bestParentRecall(), a.hasBestParent()),
          Figures.percent(a.tracesExactBestParentShare()));
    }
    return table;
  }

  private static MarkdownTable edgeTable(List<LoadSweep.Point> points, ServiceEdge edge) {
    List<String> load = List.of("interval ms", "ip pool", "concurrency");
    MarkdownTable table = new MarkdownTable(AccuracyReport.concat(load, AccuracyReport.TALLY_COLUMNS));
    for (LoadSweep.Point point : points) {
      Accuracy a = point.accuracy();
      table.row((Object[]) AccuracyReport.concat(
          List.of(point.load().interval(), String.valueOf(point.load().poolSize()),
              Figures.decimal(a.concurrency())),
          AccuracyReport.tallyCells(a.byEdge().get(edge), a.hasBestParent())));
    }
    return table;
  }

  private static String unscored(List<LoadSweep.Point> points) {
    long missing = 0;
    long unknown = 0;
    long unknownService = 0;
    StringBuilder details = new StringBuilder();
    for (LoadSweep.Point point : points) {
      Accuracy a = point.accuracy();
      missing += a.missingIds().size();
      unknown += a.unknownIds().size();
      unknownService += a.unknownServiceIds().size();
      if (!a.missingIds().isEmpty() || !a.unknownIds().isEmpty() || !a.unknownServiceIds().isEmpty()) {
        details.append("Interval ").append(point.load().interval()).append(" ms, pool ")
            .append(point.load().poolSize()).append(":\n").append(AccuracyReport.markdown(a)).append('\n');
      }
    }
    return "Truth records missing from the output: " + Figures.count(missing)
        + "; output records not in the truth: " + Figures.count(unknown)
        + "; output records of no known service: " + Figures.count(unknownService) + ".\n"
        + (details.length() == 0 ? "" : "\n" + details);
  }

  private static MarkdownTable runTable(List<LoadSweep.Point> points) {
    MarkdownTable table = new MarkdownTable("interval ms", "ip pool", "records", "simulate s", "link s");
    for (LoadSweep.Point point : points) {
      table.row(point.load().interval(), point.load().poolSize(), Figures.count(point.records()),
          Figures.seconds(point.simulateSeconds()), Figures.seconds(point.linkSeconds()));
    }
    return table;
  }

  private static void plot(List<LoadSweep.Point> points, String title, String yLabel,
      ToDoubleFunction<Accuracy> rule, ToDoubleFunction<Accuracy> best, boolean bestParent, Path png)
      throws IOException {
    double[] xs = points.stream().mapToDouble(point -> point.accuracy().concurrency()).toArray();
    LinePlot plot = LinePlot.titled(title, "Main calls in flight per Main address (log)", yLabel).logX()
        .series("rule (parents)", xs, values(points, rule));
    if (bestParent) {
      plot.series("best_parent", xs, values(points, best));
    }
    plot.writePng(png);
  }

  private static double[] values(List<LoadSweep.Point> points, ToDoubleFunction<Accuracy> metric) {
    return points.stream().mapToDouble(point -> metric.applyAsDouble(point.accuracy())).toArray();
  }
}

package dev.callchain.accuracy;

import dev.callchain.report.LinePlot;
import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One scored output as Markdown text and as a PNG of how many parents the records have. */
public final class AccuracyReport {
  /** The ids listed by name when some are missing or unknown; the rest are only counted. */
  private static final int LISTED_IDS = 10;

  private AccuracyReport() {}

  /** The metrics overall and per edge, traces exact, and every id that could not be scored. */
  public static String markdown(Accuracy accuracy) {
    StringBuilder text = new StringBuilder();
    text.append(edgeTable(accuracy).render()).append('\n');
    text.append("- traces reconstructed exactly by the rule (`parents`): ")
        .append(Figures.percent(accuracy.tracesExactShare()))
        .append(" of ").append(Figures.count(accuracy.traces())).append('\n');
    text.append("- traces reconstructed exactly by `best_parent`: ")
        .append(accuracy.hasBestParent() ? Figures.percent(accuracy.tracesExactBestParentShare())
            : "n/a (the output has no `best_parent`; run the pipeline with `--bestParent=true`)")
        .append('\n');
    text.append("- concurrency (Main calls in flight per Main address): ")
        .append(Figures.decimal(accuracy.concurrency())).append('\n');
    text.append(idLine("in the truth but missing from the output", accuracy.missingIds()));
    text.append(idLine("in the output but not in the truth", accuracy.unknownIds()));
    text.append(idLine("in the output with a `dst_ip` of no known service (scored only in `all`)",
        accuracy.unknownServiceIds()));
    text.append("- output records superseded by a later record or revision of the same id: ")
        .append(Figures.count(accuracy.duplicates())).append('\n');
    return text.toString();
  }

  /** The columns of {@link #tallyCells}. */
  static final List<String> TALLY_COLUMNS = List.of("count", "precision", "recall",
      "true parent among parents", "exactly one parent", "mean candidates",
      "best_parent precision", "best_parent recall");

  /** Rows: all records, then each service edge; columns: every per-record metric. */
  public static MarkdownTable edgeTable(Accuracy accuracy) {
    MarkdownTable table = new MarkdownTable(concat(List.of("records"), TALLY_COLUMNS));
    table.row((Object[]) concat(List.of("all"), tallyCells(accuracy.overall(), accuracy.hasBestParent())));
    for (Map.Entry<ServiceEdge, LinkTally> edge : accuracy.byEdge().entrySet()) {
      table.row((Object[]) concat(List.of(edge.getKey().label()),
          tallyCells(edge.getValue(), accuracy.hasBestParent())));
    }
    return table;
  }

  /** The per-record metrics of one tally, formatted, in the order of {@link #TALLY_COLUMNS}. */
  static List<String> tallyCells(LinkTally tally, boolean hasBestParent) {
    return List.of(Figures.count(tally.records()), Figures.percent(tally.precision()),
        Figures.percent(tally.recall()), Figures.percent(tally.truthAmongParents()),
        Figures.percent(tally.exactlyOneParent()), Figures.decimal(tally.meanCandidates()),
        bestParent(tally.bestParentPrecision(), hasBestParent),
        bestParent(tally.bestParentRecall(), hasBestParent));
  }

  /** {@code first} then {@code rest}, as the array a table's header or row takes. */
  static String[] concat(List<String> first, List<String> rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(rest);
    return all.toArray(new String[0]);
  }

  static String bestParent(double share, boolean hasBestParent) {
    return hasBestParent ? Figures.percent(share) : "n/a";
  }

  private static String idLine(String what, List<String> ids) {
    StringBuilder line = new StringBuilder("- records ").append(what).append(": ")
        .append(Figures.count(ids.size()));
    if (!ids.isEmpty()) {
      line.append(" (").append(String.join(", ", ids.subList(0, Math.min(LISTED_IDS, ids.size()))))
          .append(ids.size() > LISTED_IDS ? ", ..." : "").append(')');
    }
    return line.append('\n').toString();
  }

  /** Per edge: the share of its records with at most k parents, for each k seen. */
  public static void writeParentCountPng(Accuracy accuracy, Path png) throws IOException {
    LinePlot plot = LinePlot.titled("Parents per record, by service edge (cumulative)",
        "parents (candidates) of a record", "share of records with at most that many");
    for (Map.Entry<ServiceEdge, LinkTally> edge : accuracy.byEdge().entrySet()) {
      LinkTally tally = edge.getValue();
      if (tally.records() == 0) {
        continue;
      }
      List<double[]> points = new ArrayList<>();
      long atMost = 0;
      for (Map.Entry<Integer, Long> count : tally.recordsByParentCount().entrySet()) {
        atMost += count.getValue();
        points.add(new double[] {count.getKey(), (double) atMost / tally.records()});
      }
      plot.series(edge.getKey().label(), column(points, 0), column(points, 1));
    }
    plot.writePng(png);
  }

  private static double[] column(List<double[]> points, int index) {
    return points.stream().mapToDouble(point -> point[index]).toArray();
  }
}

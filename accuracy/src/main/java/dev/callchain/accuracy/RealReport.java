package dev.callchain.accuracy;

import dev.callchain.report.LinePlot;
import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** REAL.md and its plot, from the points of {@link RealAccuracy}. */
final class RealReport {
  static final String MARKDOWN = "REAL.md";
  static final String PRECISION_PNG = "real-best-parent-precision.png";
  /** Service pairs listed per dataset, the most frequent first. */
  private static final int LISTED_PAIRS = 10;

  private RealReport() {}

  /** Writes the report into {@code dir}; returns the Markdown file. */
  static Path write(List<RealAccuracy.Point> points, String command, long skewToleranceMs, double seconds, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    plot(points, dir.resolve(PRECISION_PNG));
    Path markdown = dir.resolve(MARKDOWN);
    Files.writeString(markdown, markdown(points, command, skewToleranceMs, seconds), StandardCharsets.UTF_8);
    return markdown;
  }

  private static String markdown(List<RealAccuracy.Point> points, String command, long skewToleranceMs, double seconds) {
    StringBuilder text = new StringBuilder("# Link accuracy on real traces\n\n");
    text.append("Made by `").append(command).append("` in ").append(Figures.seconds(seconds))
        .append(". Each trace file is imported as `scripts/accuracy import` does (one call per RPC, its true")
        .append(" parent from the spans), at its own load (1x) and at 4x: each trace's start offset from the")
        .append(" first trace's start divided by 4, its internal timing kept, as TraceWeaver raises load.")
        .append(" Each call log is linked by a bounded file run of the pipeline on the embedded Flink cluster")
        .append(" with `--bestParent=true` (and again with `--skewToleranceMs=").append(skewToleranceMs)
        .append("`, for the last table) and scored against the truth.\n\n");
    text.append("""
        - **rule recall**: calls whose true parent is among `parents` / calls that have a true parent; \
        **with skew tolerance**: among `parents` or the near misses the tolerance lets `best_parent` \
        choose (the other keys of `parent_scores`).
        - **parents precision**: true links / all links in `parents`.
        - **best_parent precision**: correct / non-null `best_parent`; **recall**: correct / calls that have \
        a true parent.
        - **traces exact**: traces in which every call's `best_parent` is its true parent (null for a call \
        entering the system).

        """);
    text.append("## Overall\n\n").append(overallTable(points).render()).append('\n');
    text.append("![best_parent precision per dataset at 1x and 4x](").append(PRECISION_PNG).append(")\n\n");
    text.append("## Targets\n\n").append(targetTable(points).render()).append('\n');
    text.append("## Service pairs at own load\n\n")
        .append("Caller service → callee service, the ").append(LISTED_PAIRS)
        .append(" most frequent per dataset. An address no span ran on (`external`, an untraced callee)")
        .append(" stands for its own service.\n\n");
    for (RealAccuracy.Point point : points) {
      if (point.load() == 1) {
        text.append("### ").append(point.dataset()).append("\n\n").append(pairTable(point)).append('\n');
      }
    }
    text.append("## Calls not scored\n\n").append(unscored(points)).append('\n');
    text.append("## With `--skewToleranceMs=").append(skewToleranceMs).append("`\n\n")
        .append("The same calls linked with the skew tolerance: `best_parent` may also be a call that misses")
        .append(" containing its call by up to ").append(skewToleranceMs).append(" ms at either end (clock skew")
        .append(" between the hosts that timed them). `parents` stays the rule.\n\n")
        .append(toleranceTable(points).render()).append('\n');
    return text.toString();
  }

  private static MarkdownTable overallTable(List<RealAccuracy.Point> points) {
    MarkdownTable table = new MarkdownTable("dataset", "load", "calls", "rule recall",
        "rule recall with skew tolerance", "parents precision", "best_parent precision", "best_parent recall",
        "traces exact by best_parent", "link s");
    for (RealAccuracy.Point point : points) {
      Accuracy a = point.accuracy();
      table.row(point.dataset(), load(point.load()), Figures.count(point.calls()),
          Figures.percent(a.overall().recall()),
          Figures.percent(point.withSkewTolerance().overall().recallWithSkewTolerance()),
          Figures.percent(a.overall().precision()),
          Figures.percent(a.overall().bestParentPrecision()), Figures.percent(a.overall().bestParentRecall()),
          Figures.percent(a.tracesExactBestParentShare()), Figures.seconds(point.linkSeconds()));
    }
    return table;
  }

  private static MarkdownTable toleranceTable(List<RealAccuracy.Point> points) {
    MarkdownTable table = new MarkdownTable("dataset", "load", "best_parent precision", "best_parent recall",
        "traces exact by best_parent");
    for (RealAccuracy.Point point : points) {
      Accuracy a = point.withSkewTolerance();
      table.row(point.dataset(), load(point.load()), Figures.percent(a.overall().bestParentPrecision()),
          Figures.percent(a.overall().bestParentRecall()), Figures.percent(a.tracesExactBestParentShare()));
    }
    return table;
  }

  private static MarkdownTable targetTable(List<RealAccuracy.Point> points) {
    MarkdownTable table = new MarkdownTable("dataset", "load", "target", "value", "verdict");
    for (RealAccuracy.Point point : points) {
      for (RealTarget target : RealTarget.ALL) {
        if (target.load() == point.load()) {
          table.row(point.dataset(), load(point.load()),
              target.metric() + " >= " + Figures.percent(target.minimum()),
              Figures.percent(target.value().applyAsDouble(point.accuracy())), target.verdict(point.accuracy()));
        }
      }
    }
    return table;
  }

  private static String pairTable(RealAccuracy.Point point) {
    MarkdownTable table = new MarkdownTable("service pair", "count", "best_parent precision", "best_parent recall");
    List<Map.Entry<String, LinkTally>> pairs = point.byServicePair().entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, LinkTally> pair) -> pair.getValue().records()).reversed()
            .thenComparing(Map.Entry::getKey))
        .toList();
    for (Map.Entry<String, LinkTally> pair : pairs.subList(0, Math.min(LISTED_PAIRS, pairs.size()))) {
      LinkTally tally = pair.getValue();
      table.row(pair.getKey(), Figures.count(tally.records()), Figures.percent(tally.bestParentPrecision()),
          Figures.percent(tally.bestParentRecall()));
    }
    int more = pairs.size() - table.size();
    return table.render() + (more > 0 ? "\n" + more + " less frequent pairs not listed.\n" : "");
  }

  private static String unscored(List<RealAccuracy.Point> points) {
    StringBuilder text = new StringBuilder();
    for (RealAccuracy.Point point : points) {
      Accuracy a = point.accuracy();
      if (!a.missingIds().isEmpty() || !a.unknownIds().isEmpty()) {
        text.append("- ").append(point.dataset()).append(' ').append(load(point.load())).append(": ")
            .append(Figures.count(a.missingIds().size())).append(" calls missing from the output, ")
            .append(Figures.count(a.unknownIds().size())).append(" output records not in the truth\n");
      }
    }
    return text.length() == 0 ? "None: every call of the truth is in the output and nothing else is.\n"
        : text.toString();
  }

  /** best_parent precision against the load factor, one line per dataset. */
  private static void plot(List<RealAccuracy.Point> points, Path png) throws IOException {
    Map<String, List<RealAccuracy.Point>> byDataset = new LinkedHashMap<>();
    for (RealAccuracy.Point point : points) {
      byDataset.computeIfAbsent(point.dataset(), name -> new ArrayList<>()).add(point);
    }
    LinePlot plot = LinePlot.titled("best_parent precision on real traces", "load factor (1 = recorded load)",
        "best_parent precision");
    byDataset.forEach((name, at) -> plot.series(name,
        at.stream().mapToDouble(RealAccuracy.Point::load).toArray(),
        at.stream().mapToDouble(point -> point.accuracy().overall().bestParentPrecision()).toArray()));
    plot.writePng(png);
  }

  private static String load(int factor) {
    return factor + "x";
  }
}

package dev.callchain.accuracy;

import dev.callchain.report.LinePlot;
import dev.callchain.report.MarkdownTable;
import dev.callchain.simulator.model.DelaySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** BOUNDS.md and its plot, from the points of a bound sweep. */
final class BoundSweepReport {
  static final String MARKDOWN = "BOUNDS.md";
  static final String PNG = "completeness-vs-bound.png";

  private BoundSweepReport() {}

  /** Writes the report into {@code dir}; returns the Markdown file. */
  static Path write(BoundSweep.Dataset dataset, List<BoundSweep.Point> points, double seconds, boolean quick,
      Path dir) throws IOException {
    Files.createDirectories(dir);
    double[] bounds = points.stream().mapToDouble(BoundSweep.Point::boundMs).toArray();
    LinePlot.titled("Links found by a streaming run vs the out-of-orderness bound",
            "--maxOutOfOrderMs (log)", "share of all-pairs links found")
        .logX()
        .series("parents", bounds, points.stream().mapToDouble(p -> p.parents().share()).toArray())
        .series("children", bounds, points.stream().mapToDouble(p -> p.children().share()).toArray())
        .writePng(dir.resolve(PNG));
    Path markdown = dir.resolve(MARKDOWN);
    Files.writeString(markdown, markdown(dataset, points, seconds, quick), StandardCharsets.UTF_8);
    return markdown;
  }

  private static String markdown(BoundSweep.Dataset dataset, List<BoundSweep.Point> points, double seconds,
      boolean quick) {
    DelaySettings delay = dataset.simulation().config().delay();
    DeliveryLag lag = dataset.lag();
    StringBuilder text = new StringBuilder("# Link completeness vs the out-of-orderness bound\n\n");
    text.append("One dataset: ").append(Figures.count(dataset.traces())).append(" traces at `--interval ")
        .append(dataset.interval()).append("` (").append(Figures.count(lag.records()))
        .append(" records, ip pool ").append(dataset.simulation().config().ipPoolSize())
        .append(", seed ").append(dataset.simulation().config().seed())
        .append("), with the simulator's delivery delays (chi-square df ")
        .append(Figures.plain(delay.degreesOfFreedom())).append(" × ").append(Figures.plain(delay.scaleMs()))
        .append(" ms, capped at ").append(Figures.plain(delay.maxMs())).append(" ms). For each bound, the")
        .append(" pipeline jar ran streaming on its embedded Flink cluster in a child JVM (`--maxOutOfOrderMs=B")
        .append(" --idleFlushMs=3000 --idlePartitionMs=2000`, late links dropped) on a fresh 5-partition topic")
        .append(" of an in-process broker. Once one probe call per partition had come through (so the reader")
        .append(" was taking up every partition), the simulator wrote the dataset into the topic in real time")
        .append(" (`--realtime`, round-robin over the partitions, in delivery order; records still in transit")
        .append(" when the last trace ends are delivered at once). Once every one of the ")
        .append(Figures.count(dataset.allPairs().size()))
        .append(" ids was in the output topic the child was stopped, and its links were compared with the")
        .append(" all-pairs result (a bounded file run over the same records, SPEC §4). Produced by `java -jar")
        .append(" accuracy/target/callchain-accuracy.jar bound-sweep").append(quick ? " --quick" : "")
        .append("` in ").append(Figures.seconds(seconds)).append(".\n\n");
    text.append("## How late the records arrive\n\n")
        .append("A record's lag is the largest `start_at_ms` delivered before it minus its own: what a")
        .append(" watermark trailing the largest start by B ms sees (records lagging more than B are late).")
        .append(" It is the delivery delay plus the call's own duration before its record is written,")
        .append(" against the other records' delays.\n\n")
        .append(new MarkdownTable("records", "lag p50", "lag p99", "lag max")
            .row(Figures.count(lag.records()), lag.percentile(0.5) + " ms", lag.percentile(0.99) + " ms",
                lag.max() + " ms")
            .render())
        .append('\n');
    text.append("## Completeness\n\n");
    MarkdownTable table = new MarkdownTable("bound ms", "records lagging more", "late calls (pipeline)",
        "late up to", "late p99", "bound that would hold them", "ids out", "parent links found",
        "child links found", "links not in all-pairs", "stream s", "run s");
    for (BoundSweep.Point p : points) {
      Lateness late = p.lateness();
      long behind = lag.behind(p.boundMs());
      table.row(p.boundMs() + (suspect(p, lag) ? " *" : ""), Figures.percent(LinkTally.ratio(behind, lag.records())),
          late == null ? "n/a" : Figures.count(late.lateCalls()),
          late == null ? "n/a" : late.maxMs() + " ms",
          late == null ? "n/a" : late.p99Ms() + " ms",
          late == null ? "n/a" : late.suggestedBoundMs() + " ms",
          Figures.count(p.ids()) + (p.foreignIds() == 0 ? "" : " (+" + Figures.count(p.foreignIds()) + " foreign)"),
          Figures.percent(p.parents().share()), Figures.percent(p.children().share()),
          Figures.count(p.parents().extra() + p.children().extra()), Figures.seconds(p.streamSeconds()),
          Figures.seconds(p.seconds()));
    }
    text.append(table.render()).append('\n');
    points.stream()
        .filter(p -> p.parents().share() >= 1.0 && p.children().share() >= 1.0)
        .mapToLong(BoundSweep.Point::boundMs)
        .min()
        .ifPresent(bound -> text.append("Every all-pairs link was found from a bound of ").append(bound)
            .append(" ms up; the delivery lag's p99 is ").append(lag.percentile(0.99))
            .append(" ms and its maximum ").append(lag.max()).append(" ms.\n\n"));
    if (points.stream().anyMatch(p -> suspect(p, lag))) {
      text.append("**\\*** No late call at all, although most records lag more than the bound: the")
          .append(" watermark did not move with the stream in that run, so its completeness says nothing")
          .append(" about the bound. (This is what every run showed while the FlinkRunner closed bundles")
          .append(" every 1,000 records: below that rate its operators held the watermark back.)\n\n");
    }
    text.append("- **records lagging more**: the share of the dataset's records whose lag exceeds the bound")
        .append(" (over one stream; the pipeline's watermark is per partition, the minimum over partitions).")
        .append(" A late record is still linked against the calls still held; a link is lost only when its")
        .append(" partner was already emitted (the watermark had passed the partner's end), so far fewer")
        .append(" links are lost than records are late.\n")
        .append("- **late calls (pipeline)** and the next three columns: from the pipeline's own log lines")
        .append(" `N calls arrived behind the watermark (up to X ms, p99 Y ms, bound B ms);")
        .append(" --maxOutOfOrderMs=Z would have held them`, the last of each linking worker: calls summed,")
        .append(" the rest at the largest worker's figure; n/a when it logged none. A worker logs at its first late call")
        .append(" and then at most every 10 s, at a late call, so these can understate. The pipeline measures a")
        .append(" call's lateness against what its address had already emitted through, not against the")
        .append(" largest start as the lag above.\n")
        .append("- **parent / child links found**: all-pairs links (")
        .append(Figures.count(points.isEmpty() ? 0 : points.get(0).parents().expected()))
        .append(") found in the run's `parents` / `children` lists.")
        .append(" **links not in all-pairs** must be 0. Where most records lag more than the bound, which")
        .append(" links survive depends on when each worker's watermark moved against the arrivals, so those")
        .append(" rows vary from run to run by several points; from the lag's p99 up they are stable.\n")
        .append("- **stream s**: how long the simulator took to write the dataset in real time.\n")
        .append("- **run s**: from starting the child JVM (its Flink cluster too, then the readiness probes)")
        .append(" until every id was out, plus 5 s of quiet.\n\n")
        .append("![completeness vs bound](").append(PNG).append(")\n");
    return text.toString();
  }

  /** A run that saw no late call while most records lagged more than its bound. */
  private static boolean suspect(BoundSweep.Point point, DeliveryLag lag) {
    return point.lateness() == null && lag.percentile(0.5) > point.boundMs();
  }
}

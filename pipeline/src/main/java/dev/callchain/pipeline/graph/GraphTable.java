package dev.callchain.pipeline.graph;

import dev.callchain.report.MarkdownTable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The live graph as text: a table of its edges, then a line of its traces. */
final class GraphTable {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private GraphTable() {}

  static String render(LiveGraph graph) {
    MarkdownTable table =
        new MarkdownTable("caller", "callee", "window (UTC)", "calls", "p50 ms", "p95 ms", "p99 ms", "max ms");
    for (EdgeStats edge : graph.edges()) {
      LatencyStats latency = edge.latency();
      table.row(
          edge.edge().caller(),
          edge.edge().callee(),
          window(edge),
          latency.calls(),
          ms(latency.p50Ms()),
          ms(latency.p95Ms()),
          ms(latency.p99Ms()),
          ms(latency.maxMs()));
    }
    String edges = table.size() == 0 ? "no edges yet\n" : table.render();
    return edges + "\n" + traces(graph.traces()) + "\n";
  }

  /** One line: the newest window's traces, their roots' latency, calls and depth. */
  static String traces(TraceStats traces) {
    if (traces == null) {
      return "traces: none yet";
    }
    TraceTotals totals = traces.totals();
    LatencyStats root = totals.rootLatency();
    return String.format(
        Locale.ROOT,
        "traces in %s: %d; root latency p50 %s, p95 %s, p99 %s, max %s ms; calls per trace mean %.1f, max %d;"
            + " depth mean %.1f, max %d",
        window(traces),
        totals.traces(),
        ms(root.p50Ms()),
        ms(root.p95Ms()),
        ms(root.p99Ms()),
        ms(root.maxMs()),
        totals.callsMean(),
        totals.callsMax(),
        totals.depthMean(),
        totals.depthMax());
  }

  /** The window's start minute, UTC. */
  static String window(GraphRecord record) {
    return MINUTE.format(Instant.ofEpochMilli(record.windowStartMs()));
  }

  static String ms(double latencyMs) {
    return String.format(Locale.ROOT, "%.2f", latencyMs);
  }
}

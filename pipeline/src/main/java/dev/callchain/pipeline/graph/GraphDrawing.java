package dev.callchain.pipeline.graph;

import dev.callchain.report.GraphPicture;
import java.util.Set;
import java.util.TreeSet;

/** The live graph as a picture: services as boxes, edges as arrows labelled with calls and p99. */
final class GraphDrawing {
  private GraphDrawing() {}

  static GraphPicture of(LiveGraph graph) {
    Set<String> windows = new TreeSet<>();
    graph.edges().forEach(edge -> windows.add(GraphTable.window(edge)));
    GraphPicture picture =
        GraphPicture.titled("Service graph: calls and p99 latency per edge, newest one-minute window")
            .subtitle("windows (UTC): " + String.join(", ", windows))
            .subtitle(GraphTable.traces(graph.traces()));
    for (EdgeStats edge : graph.edges()) {
      picture.arrow(
          edge.edge().caller(),
          edge.edge().callee(),
          edge.latency().calls() + " calls, p99 " + GraphTable.ms(edge.latency().p99Ms()) + " ms");
    }
    return picture;
  }
}

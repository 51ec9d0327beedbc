package dev.callchain.pipeline.graph;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The service graph as its topic tells it: the newest window of each edge, and of the traces. A
 * record of an older window than the one held (a topic read from its start) changes nothing.
 */
public final class LiveGraph {
  private final Map<String, EdgeStats> edges = new TreeMap<>();
  private @Nullable TraceStats traces;

  public void add(GraphRecord record) {
    if (record instanceof EdgeStats edge) {
      edges.merge(edge.key(), edge, LiveGraph::newer);
    } else if (record instanceof TraceStats windowTraces) {
      traces = traces == null ? windowTraces : newer(traces, windowTraces);
    }
  }

  /** The edges by caller, then callee. */
  public List<EdgeStats> edges() {
    return List.copyOf(edges.values());
  }

  /** The newest window's traces; null before any came. */
  public @Nullable TraceStats traces() {
    return traces;
  }

  private static <R extends GraphRecord> R newer(R held, R came) {
    return came.windowStartMs() >= held.windowStartMs() ? came : held;
  }
}

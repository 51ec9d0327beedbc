package dev.callchain.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the traced output (--traces) by trace id and draws each trace of more than one call as
 * an indented tree once its root has come (the pipeline writes a root after all its calls):
 * caller -> callee, latency, and the score that made the parent the best one.
 */
final class TraceTrees {
  /** Traces whose root has not come yet, at most this many (the oldest are dropped). */
  private static final int OPEN_TRACES = 10_000;

  private final int kept;
  private final Map<String, List<JsonNode>> open =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<JsonNode>> eldest) {
          return size() > OPEN_TRACES;
        }
      };
  private final Deque<FinishedTrace> finished = new ArrayDeque<>();

  /** A drawn trace: its id, its root's call id, and the tree. */
  record FinishedTrace(String traceId, String rootId, int calls, String tree) {}

  /** Keeps the latest {@code kept} finished traces. */
  TraceTrees(int kept) {
    this.kept = kept;
  }

  /** A linked call; returns the trace it finished, if it was the root of more than itself. */
  synchronized FinishedTrace add(JsonNode call) {
    JsonNode traceId = call.get("trace_id");
    if (traceId == null) {
      return null;
    }
    List<JsonNode> calls = open.computeIfAbsent(traceId.asText(), id -> new ArrayList<>());
    calls.add(call);
    if (call.path("depth").asInt(-1) != 0) {
      return null;
    }
    open.remove(traceId.asText());
    if (calls.size() == 1) {
      return null; // a call alone is no tree
    }
    FinishedTrace trace = new FinishedTrace(traceId.asText(), call.get("id").asText(), calls.size(), draw(call, calls));
    finished.addLast(trace);
    if (finished.size() > kept) {
      finished.removeFirst();
    }
    return trace;
  }

  /** The latest finished traces, oldest first. */
  synchronized List<FinishedTrace> latest() {
    return List.copyOf(finished);
  }

  private static String draw(JsonNode root, List<JsonNode> calls) {
    Map<String, List<JsonNode>> children = new LinkedHashMap<>();
    for (JsonNode call : calls) {
      JsonNode parent = call.get("best_parent");
      if (parent != null && !parent.isNull()) {
        children.computeIfAbsent(parent.asText(), id -> new ArrayList<>()).add(call);
      }
    }
    children.values().forEach(list -> list.sort(Comparator.comparingLong(call -> call.get("start_at_ms").asLong())));
    StringBuilder tree = new StringBuilder();
    draw(root, children, 1, tree);
    return tree.toString();
  }

  private static void draw(JsonNode call, Map<String, List<JsonNode>> children, int indent, StringBuilder tree) {
    tree.append("  ".repeat(indent))
        .append(call.get("src_ip").asText())
        .append(" -> ")
        .append(call.has("service") ? call.get("service").asText() : call.get("dst_ip").asText())
        .append("  ")
        .append(call.get("latency_msec").asText())
        .append(" ms");
    JsonNode parent = call.get("best_parent");
    if (parent != null && !parent.isNull()) {
      tree.append("  (parent score ").append(call.path("parent_scores").path(parent.asText()).asText()).append(')');
    }
    tree.append('\n');
    for (JsonNode child : children.getOrDefault(call.get("id").asText(), List.of())) {
      draw(child, children, indent + 1, tree);
    }
  }
}

package dev.callchain.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Gathers the traced output (--traces) by trace id and draws each trace of more than one call as
 * an indented tree once it is finished: caller -> callee, latency, and the score that made the
 * parent the best one. The pipeline writes a trace's root first and each call after its parent,
 * but the output topic's partitions are read in any order; so a trace is finished once its root
 * has come and none of its calls has for a quiet while, or when the caller knows all output is in.
 * A call written again (at least once delivery) replaces itself.
 */
final class TraceTrees {
  /** Traces not finished yet, at most this many (the least recently added to are dropped). */
  private static final int OPEN_TRACES = 10_000;

  private final int kept;
  private final long quietNanos;
  /** In the order calls last came to them: the quiet ones first. */
  private final Map<String, OpenTrace> open =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OpenTrace> eldest) {
          return size() > OPEN_TRACES;
        }
      };
  private final Deque<FinishedTrace> finished = new ArrayDeque<>();

  /** A drawn trace: its id, its root's call id, and the tree. */
  record FinishedTrace(String traceId, String rootId, int calls, String tree) {}

  /** The calls of a trace so far, by id, and when the last came. */
  private static final class OpenTrace {
    final Map<String, JsonNode> calls = new LinkedHashMap<>();
    JsonNode root;
    long lastNanos;
  }

  /** Keeps the latest {@code kept} finished traces; a trace is finished after {@code quiet} without calls. */
  TraceTrees(int kept, Duration quiet) {
    this.kept = kept;
    this.quietNanos = quiet.toNanos();
  }

  /** A linked call, come at {@code nowNanos}. */
  synchronized void add(JsonNode call, long nowNanos) {
    JsonNode traceId = call.get("trace_id");
    if (traceId == null) {
      return;
    }
    OpenTrace trace = open.computeIfAbsent(traceId.asText(), id -> new OpenTrace());
    trace.calls.put(call.get("id").asText(), call);
    trace.lastNanos = nowNanos;
    if (call.path("depth").asInt(-1) == 0) {
      trace.root = call;
    }
  }

  /** Finishes the traces quiet at {@code nowNanos}; returns those of more than one call, oldest first. */
  synchronized List<FinishedTrace> finishQuiet(long nowNanos) {
    return finish(trace -> nowNanos - trace.lastNanos >= quietNanos);
  }

  /** Finishes every trace whose root has come: all output is in. */
  synchronized List<FinishedTrace> finishAll() {
    return finish(trace -> true);
  }

  private List<FinishedTrace> finish(Predicate<OpenTrace> done) {
    List<FinishedTrace> drawn = new ArrayList<>();
    for (Iterator<Map.Entry<String, OpenTrace>> traces = open.entrySet().iterator(); traces.hasNext(); ) {
      Map.Entry<String, OpenTrace> entry = traces.next();
      OpenTrace trace = entry.getValue();
      if (!done.test(trace)) {
        break; // the rest had calls more lately
      }
      if (trace.root == null) {
        continue; // its root has not come yet
      }
      traces.remove();
      if (trace.calls.size() > 1) { // a call alone is no tree
        List<JsonNode> calls = List.copyOf(trace.calls.values());
        drawn.add(new FinishedTrace(entry.getKey(), trace.root.get("id").asText(), calls.size(), draw(trace.root, calls)));
      }
    }
    for (FinishedTrace trace : drawn) {
      finished.addLast(trace);
      if (finished.size() > kept) {
        finished.removeFirst();
      }
    }
    return drawn;
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

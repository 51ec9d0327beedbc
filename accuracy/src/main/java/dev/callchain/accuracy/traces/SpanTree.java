package dev.callchain.accuracy.traces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace's spans by id, with each span's parent and children. A span id that comes again in
 * the same trace keeps its first span; the repeats are counted, not linked.
 */
final class SpanTree {
  private final String traceId;
  private final Map<String, Span> byId = new LinkedHashMap<>();
  private final Map<String, List<Span>> children = new LinkedHashMap<>();
  private final int repeatedIds;

  SpanTree(String traceId, List<Span> spans) {
    this.traceId = traceId;
    int repeats = 0;
    for (Span span : spans) {
      if (byId.putIfAbsent(span.spanId(), span) != null) {
        repeats++;
      }
    }
    this.repeatedIds = repeats;
    for (Span span : byId.values()) {
      if (span.parentId() != null) {
        children.computeIfAbsent(span.parentId(), id -> new ArrayList<>()).add(span);
      }
    }
  }

  String traceId() {
    return traceId;
  }

  Iterable<Span> spans() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  int repeatedIds() {
    return repeatedIds;
  }

  /** The parent span, or null for a root or a span whose parent is not in the trace. */
  Span parent(Span span) {
    return span.parentId() == null ? null : byId.get(span.parentId());
  }

  /** The span names a parent that the trace does not have (it was dropped, or is in another file). */
  boolean parentMissing(Span span) {
    return span.parentId() != null && !byId.containsKey(span.parentId());
  }

  List<Span> children(Span span) {
    return children.getOrDefault(span.spanId(), List.of());
  }
}

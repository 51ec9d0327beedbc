package dev.callchain.accuracy.traces;

import java.util.Map;

/**
 * One span as every format is read into. Times are epoch microseconds; {@code parentId} is null
 * for a root; {@code kind} is null when the format did not say; {@code tags} are the span's
 * string attributes (the peer tags name an untraced callee).
 */
record Span(String traceId, String spanId, String parentId, ServiceInstance instance, String operation,
    long startUs, long endUs, SpanKind kind, Map<String, String> tags) {
  Span {
    if (traceId == null || traceId.isBlank() || spanId == null || spanId.isBlank()) {
      throw new IllegalArgumentException("trace " + traceId + " span " + spanId + ": no trace or span id");
    }
    if (endUs < startUs) {
      throw new IllegalArgumentException(where(traceId, spanId) + ": ends (" + endUs + " us) before it starts ("
          + startUs + " us)");
    }
    tags = Map.copyOf(tags);
  }

  String where() {
    return where(traceId, spanId);
  }

  private static String where(String traceId, String spanId) {
    return "trace " + traceId + " span " + spanId;
  }
}

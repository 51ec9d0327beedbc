package dev.callchain.accuracy.traces;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A higher load from the same traces, as TraceWeaver makes one: each trace starts {@code factor}
 * times sooner after the first trace's start, and keeps its own timing inside. A trace starts
 * where its earliest call (the one entering the system) starts.
 */
final class TraceStartCompression {
  private TraceStartCompression() {}

  static List<ImportedCall> compress(List<ImportedCall> calls, int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("load factor must be at least 1, got " + factor);
    }
    Map<String, Long> traceStarts = new HashMap<>();
    for (ImportedCall call : calls) {
      traceStarts.merge(call.traceId(), call.startUs(), Math::min);
    }
    long first = traceStarts.values().stream().mapToLong(Long::longValue).min().orElse(0);
    return calls.stream().map(call -> {
      long offset = traceStarts.get(call.traceId()) - first;
      return call.shifted(offset / factor - offset);
    }).toList();
  }
}

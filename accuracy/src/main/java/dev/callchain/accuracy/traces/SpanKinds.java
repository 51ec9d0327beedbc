package dev.callchain.accuracy.traces;

import java.util.HashMap;
import java.util.Map;

/**
 * Every span's kind in one trace: as recorded where the format records it, else inferred from
 * where the span's parent and children ran (Nezha's CSV has no kind; the media app's Jaeger spans
 * carry none):
 * <ul>
 *   <li>a root, or a span whose parent is not in the trace, is a server span: the request
 *       entering the system (for a lost parent this is a guess; its caller is unknown anyway);
 *   <li>a span whose parent ran on another instance is a server span, the parent its client;
 *   <li>a span whose parent ran on the same instance is a client span when one of its children
 *       ran on another instance, or when it has no children and its operation reads like a call
 *       to another service ({@link RemoteOperation}): a call to a callee that is not traced;
 *   <li>anything else is internal.
 * </ul>
 */
final class SpanKinds {
  private final Map<String, SpanKind> bySpanId = new HashMap<>();

  SpanKinds(SpanTree tree) {
    for (Span span : tree.spans()) {
      bySpanId.put(span.spanId(), span.kind() != null ? span.kind() : infer(span, tree));
    }
  }

  SpanKind of(Span span) {
    return bySpanId.get(span.spanId());
  }

  private static SpanKind infer(Span span, SpanTree tree) {
    Span parent = tree.parent(span);
    if (parent == null || !parent.instance().equals(span.instance())) {
      return SpanKind.SERVER;
    }
    boolean callsOut = tree.children(span).stream().anyMatch(child -> !child.instance().equals(span.instance()));
    if (callsOut || tree.children(span).isEmpty() && RemoteOperation.looksRemote(span)) {
      return SpanKind.CLIENT;
    }
    return SpanKind.INTERNAL;
  }
}

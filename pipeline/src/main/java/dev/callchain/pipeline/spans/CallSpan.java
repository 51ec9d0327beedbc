package dev.callchain.pipeline.spans;

import dev.callchain.pipeline.model.CallMicros;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.ExtraFields;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.ServiceName;
import dev.callchain.pipeline.model.TraceMark;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a call's span says, whatever its format: the call as its callee served it (a SERVER span),
 * in the trace --traces placed it in, under its best parent's span.
 *
 * @param parentId the best parent's span id; null when the call starts its trace (no best
 *     parent, one that never came, or a circle of best parents broken there)
 * @param startUs epoch microseconds: start_at_us when the log has it (SPEC §1), else start_at_ms
 * @param durationUs at least 1: Zipkin takes a duration of 0 for none
 * @param callee the call's service ({@link ServiceName}) at its dst_ip
 * @param caller the best parent's service at the call's src_ip; at a trace's root, the src_ip
 * @param parentScore the best parent's score among the candidates, when the span has a parent
 * @param candidates how many candidate callers the call has: its parents (SPEC §2) and its near
 *     misses (--skewToleranceMs)
 */
public record CallSpan(
    byte[] traceId,
    byte[] spanId,
    byte @Nullable [] parentId,
    String name,
    long startUs,
    long durationUs,
    Endpoint callee,
    Endpoint caller,
    String callId,
    @Nullable Double parentScore,
    int candidates) {
  /** Extra fields that name what was called, the first present wins. */
  private static final String[] NAME_FIELDS = {"operation", "name"};

  private static final String DEFAULT_NAME = "call";

  /** A traced call's span. */
  public static CallSpan of(LinkedCall linked) {
    TraceMark trace = linked.trace();
    if (trace == null) {
      throw new IllegalArgumentException("a span needs the call's trace (--traces): " + linked.call().id());
    }
    CallRecord call = linked.call();
    // A call that starts its trace has no parent span, even with a best parent that never came.
    String parent = trace.depth() == 0 ? null : linked.bestParent();
    long startUs = CallMicros.start(call);
    long endUs = CallMicros.end(call);
    String callerName = trace.callerService() == null ? call.srcIp() : trace.callerService();
    return new CallSpan(
        SpanIds.traceId(trace.traceId()),
        SpanIds.spanId(call.id()),
        parent == null ? null : SpanIds.spanId(parent),
        name(call),
        startUs,
        Math.max(1, endUs - startUs),
        new Endpoint(ServiceName.of(call), call.dstIp()),
        new Endpoint(callerName, call.srcIp()),
        call.id(),
        parent == null ? null : linked.scoreOf(parent),
        linked.candidates());
  }

  private static String name(CallRecord call) {
    for (String field : NAME_FIELDS) {
      String name = ExtraFields.string(call.extraFields(), field);
      if (name != null && !name.isEmpty()) {
        return name;
      }
    }
    return DEFAULT_NAME;
  }
}

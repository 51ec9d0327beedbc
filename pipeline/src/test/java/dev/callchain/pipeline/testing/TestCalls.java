package dev.callchain.pipeline.testing;

import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.Origin;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

/** Builds call logs for tests, as JSON text the way a producer would write them. */
public final class TestCalls {
  private static final AtomicLong OFFSET = new AtomicLong();

  private TestCalls() {}

  public static CallRecord call(String id, String src, String dst, long start, long end) {
    return CallRecord.of(id, src, dst, start, end);
  }

  public static String json(CallRecord call) {
    return "{\"id\":\"" + call.id() + "\",\"src_ip\":\"" + call.srcIp() + "\",\"dst_ip\":\""
        + call.dstIp() + "\",\"start_at_ms\":" + call.startAtMs() + ",\"end_at_ms\":"
        + call.endAtMs() + ",\"latency_msec\":" + (call.endAtMs() - call.startAtMs()) + "}";
  }

  /** The call's JSON with an extra field "note" of {@code chars} letters: a record of that much more. */
  public static String jsonWithNote(CallRecord call, int chars) {
    String json = json(call);
    return json.substring(0, json.length() - 1) + ",\"note\":\"" + "n".repeat(chars) + "\"}";
  }

  /** The call's JSON with a "service" field: the callee's name, as gateway logs carry it. */
  public static String jsonWithService(CallRecord call, String service) {
    String json = json(call);
    return json.substring(0, json.length() - 1) + ",\"service\":\"" + service + "\"}";
  }

  public static CallLog log(String json) {
    return new CallLog(
        json.getBytes(StandardCharsets.UTF_8), Origin.kafka("test", 0, OFFSET.incrementAndGet()));
  }

  public static CallLog log(CallRecord call) {
    return log(json(call));
  }

  /** A log stamped with its start time, as the Kafka reader stamps it. */
  public static TimestampedValue<CallLog> arriving(CallRecord call) {
    return TimestampedValue.of(log(call), new Instant(call.startAtMs()));
  }
}

package dev.callchain.pipeline.model;

import java.math.BigDecimal;

/**
 * A call's times in epoch microseconds: its optional {@code start_at_us} / {@code end_at_us}
 * (SPEC §1), which the parser has checked against the ms fields, else the ms times. Used where
 * microseconds sharpen a decision or a display: sibling gaps of sequential callers and span times.
 */
public final class CallMicros {
  private CallMicros() {}

  public static long start(CallRecord call) {
    return micros(call, "start_at_us", call.startAtMs());
  }

  public static long end(CallRecord call) {
    return micros(call, "end_at_us", call.endAtMs());
  }

  /** Whether the log gave the call's times in µs. */
  public static boolean logged(CallRecord call) {
    return call.extraFields().length > 0 && ExtraFields.number(call.extraFields(), "start_at_us") != null;
  }

  /** The µs field, truncated toward zero as the ms ones are; the ms time when the log has none. */
  private static long micros(CallRecord call, String field, long ms) {
    if (call.extraFields().length == 0) {
      return ms * 1000;
    }
    BigDecimal micros = ExtraFields.number(call.extraFields(), field);
    return micros == null ? ms * 1000 : micros.longValue();
  }
}

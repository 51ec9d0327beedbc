package dev.callchain.pipeline.testing;

import dev.callchain.pipeline.model.Rejection;
import java.util.EnumMap;
import java.util.Map;

/** A call log of each rejection class of SPEC §1. */
public final class BadCallLogs {
  private static final String TIMES = "\"start_at_ms\":1000,\"end_at_ms\":1500";

  /** One example per class; CallLogParserTest checks that every class has one. */
  public static final Map<Rejection, String> EXAMPLES = new EnumMap<>(Rejection.class);

  static {
    EXAMPLES.put(Rejection.TOO_LARGE, "{\"pad\":\"" + "x".repeat((1 << 20)) + "\"}");
    EXAMPLES.put(Rejection.NOT_JSON, "{not json");
    EXAMPLES.put(Rejection.NOT_AN_OBJECT, "[1,2]");
    EXAMPLES.put(Rejection.MISSING_FIELD, "{\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}");
    EXAMPLES.put(Rejection.EMPTY_FIELD, "{\"id\":\"\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}");
    EXAMPLES.put(
        Rejection.FIELD_TOO_LONG,
        "{\"id\":\"" + "i".repeat(1025) + "\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}");
    EXAMPLES.put(
        Rejection.WRONG_TYPE,
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":true,\"end_at_ms\":2}");
    EXAMPLES.put(
        Rejection.NOT_A_NUMBER,
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":\"soon\",\"end_at_ms\":2}");
    EXAMPLES.put(
        Rejection.OUT_OF_RANGE,
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1e30,\"end_at_ms\":2}");
    EXAMPLES.put(
        Rejection.END_BEFORE_START,
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":2000,\"end_at_ms\":1999}");
    EXAMPLES.put(
        Rejection.TIMES_DISAGREE,
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":2000,\"end_at_ms\":2001,"
            + "\"start_at_us\":2001000,\"end_at_us\":2001500}");
    EXAMPLES.put(
        Rejection.DUPLICATE_FIELD,
        "{\"id\":\"a\",\"id\":\"b\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}");
    EXAMPLES.put(
        Rejection.RESERVED_FIELD,
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + ",\"children\":[]}");
  }


  private BadCallLogs() {}
}

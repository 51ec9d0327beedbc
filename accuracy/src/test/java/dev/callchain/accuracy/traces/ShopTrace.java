package dev.callchain.accuracy.traces;

import static dev.callchain.accuracy.traces.ImportRun.call;
import static dev.callchain.accuracy.traces.ImportRun.id;
import static dev.callchain.accuracy.traces.ImportRun.truth;

import java.util.List;
import java.util.Map;

/**
 * What the test resources {@code traces/shop.*} hold, worked out by hand: a request enters the
 * frontend (span a, server, 0.500..10.300 ms past 1700000000000 ms), which renders (b, internal)
 * and calls the backend (c, client, 1.500..6.500 ms; d, server, 2.000..6.000 ms), which queries
 * an untraced database (e, client, 3.250..4.750 ms). Three calls: the entering request, the
 * RPC timed by its client span, and the database call; each made by the one before.
 */
final class ShopTrace {
  static final String TRACE_ID = "5b8aa5a2d2c872e8321cf37308d69df2";
  static final List<String> SPAN_IDS =
      List.of("0a0a0a0a0a0a0a01", "0b0b0b0b0b0b0b02", "0c0c0c0c0c0c0c03", "0d0d0d0d0d0d0d04", "0e0e0e0e0e0e0e05");
  static final String ENTRY = id("", TRACE_ID, "0a0a0a0a0a0a0a01");
  static final String RPC = id("", TRACE_ID, "0c0c0c0c0c0c0c03");
  static final String DB_CALL = id("", TRACE_ID, "0e0e0e0e0e0e0e05");

  private ShopTrace() {}

  static List<Map<String, Object>> expectedCalls(String frontend, String backend, String database) {
    return List.of(
        call(ENTRY, "external", frontend, 1700000000000L, 1700000000010L, 1700000000000500L, 1700000000010300L),
        call(RPC, frontend, backend, 1700000000001L, 1700000000006L, 1700000000001500L, 1700000000006500L),
        call(DB_CALL, backend, database, 1700000000003L, 1700000000004L, 1700000000003250L, 1700000000004750L));
  }

  /** {@code database}: the untraced database's address, which also stands for its service. */
  static List<Map<String, Object>> expectedTruth(String database) {
    String trace = id("", TRACE_ID);
    return List.of(truth(ENTRY, null, trace, "external", "frontend"), truth(RPC, ENTRY, trace, "frontend", "backend"),
        truth(DB_CALL, RPC, trace, "backend", database));
  }
}

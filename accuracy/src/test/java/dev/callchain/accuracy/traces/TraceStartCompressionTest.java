package dev.callchain.accuracy.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceStartCompressionTest {
  private static final CallEnd FRONTEND = new CallEnd("10.0.0.1", "frontend");
  private static final CallEnd BACKEND = new CallEnd("10.0.0.2", "backend");

  /** Trace a starts first (1000 us); b starts 8000 us later, c 16003 us later; b lists its child first. */
  private static final List<ImportedCall> CALLS = List.of(
      call("a1", 1_000, 5_000, null, "a"),
      call("a2", 1_500, 4_000, "a1", "a"),
      call("b2", 9_100, 9_500, "b1", "b"),
      call("b1", 9_000, 9_800, null, "b"),
      call("c1", 17_003, 18_003, null, "c"));

  @Test
  void eachTraceStartsAQuarterAsLongAfterTheFirstAndKeepsItsInnerTiming() {
    // b: offset 8000 / 4 = 2000, so it starts at 3000 (shift -6000);
    // c: offset 16003 / 4 = 4000 (whole microseconds, floored), so it starts at 5000 (shift -12003).
    assertEquals(List.of(
        call("a1", 1_000, 5_000, null, "a"),
        call("a2", 1_500, 4_000, "a1", "a"),
        call("b2", 3_100, 3_500, "b1", "b"),
        call("b1", 3_000, 3_800, null, "b"),
        call("c1", 5_000, 6_000, null, "c")), TraceStartCompression.compress(CALLS, 4));
  }

  @Test
  void factorOneIsTheRecordedLoad() {
    assertEquals(CALLS, TraceStartCompression.compress(CALLS, 1));
  }

  private static ImportedCall call(String id, long startUs, long endUs, String parentId, String traceId) {
    return new ImportedCall(id, FRONTEND, BACKEND, startUs, endUs, parentId, traceId);
  }
}

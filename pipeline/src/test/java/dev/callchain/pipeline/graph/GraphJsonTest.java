package dev.callchain.pipeline.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The graph's JSON reads back as the records written, latencies to the microsecond. */
class GraphJsonTest {
  @Test
  void anEdgeIsWrittenAndReadBack() {
    EdgeStats edge =
        new EdgeStats(60_000, 120_000, new Edge("10.0.0.0", "frontend"), new LatencyStats(12, 5.0004, 6.1, 7.25, 8));
    String json = new String(GraphJson.write(edge), StandardCharsets.UTF_8);
    assertEquals(
        "{\"type\":\"edge\",\"window_start_ms\":60000,\"window_end_ms\":120000,\"caller\":\"10.0.0.0\","
            + "\"callee\":\"frontend\",\"calls\":12,\"p50_ms\":5.0,\"p95_ms\":6.1,\"p99_ms\":7.25,\"max_ms\":8.0}",
        json);
    assertEquals(
        new EdgeStats(60_000, 120_000, edge.edge(), new LatencyStats(12, 5.0, 6.1, 7.25, 8)),
        GraphJson.read(json.getBytes(StandardCharsets.UTF_8)));
    assertEquals("10.0.0.0 -> frontend", edge.key());
  }

  @Test
  void tracesAreWrittenAndReadBack() {
    TraceStats traces =
        new TraceStats(0, 60_000, new TraceTotals(new LatencyStats(3, 20, 30, 30, 31.5), 5, 9, 2, 3));
    assertEquals(traces, GraphJson.read(GraphJson.write(traces)));
    assertEquals("traces", traces.key());
  }

  @Test
  void anythingElseIsRefusedWithItsReason() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> GraphJson.read("{\"type\":\"edge\",\"window_start_ms\":0,\"window_end_ms\":1}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("missing field 'caller'", missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GraphJson.read("[1]".getBytes(StandardCharsets.UTF_8)));
  }
}

package dev.callchain.pipeline.graph;

import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

/** The graph's records survive their coders; an edge encodes deterministically, as a key must. */
class GraphCodersTest {
  private static final Edge EDGE = new Edge("10.0.0.0", "调用-🙂");
  private static final LatencyStats LATENCY = new LatencyStats(12, 5.0004, 6.1, 7.25, 8);

  @Test
  void edgeStatsRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(EdgeStats.EdgeStatsCoder.of(), new EdgeStats(-60_000, 0, EDGE, LATENCY));
    CoderProperties.coderDeterministic(Edge.EdgeCoder.of(), EDGE, new Edge("10.0.0.0", "调用-🙂"));
  }

  @Test
  void traceStatsRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        TraceStats.TraceStatsCoder.of(), new TraceStats(0, 60_000, new TraceTotals(LATENCY, 4.5, 9, 1.25, 3)));
  }
}

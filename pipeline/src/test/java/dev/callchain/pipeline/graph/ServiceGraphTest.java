package dev.callchain.pipeline.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.TraceMark;
import dev.callchain.pipeline.model.TraceSummary;
import dev.callchain.pipeline.testing.Collected;
import dev.callchain.pipeline.trace.TraceCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The service graph on the DirectRunner: traced calls and completed traces in, per one-minute
 * window each edge's calls and latency percentiles, and the traces' statistics, out.
 */
class ServiceGraphTest {
  private static final long MINUTE = 60_000;

  private final List<TimestampedValue<LinkedCall>> calls = new ArrayList<>();
  private final List<TimestampedValue<TraceSummary>> traces = new ArrayList<>();

  @Test
  void eachEdgeHasItsCallsAndPercentilesPerWindow() {
    // Window 0: a root from the client, and 100 calls frontend -> cart of 1..100 ms.
    root("r1", "10.0.0.0", "frontend", 250, 59_000);
    for (int i = 1; i <= 100; i++) {
      child("c" + i, "frontend", "cart", i, 1_000 + i);
    }
    // The window's last millisecond and the next one's first: a window is [start, end).
    child("last", "frontend", "db", 7, MINUTE - 1);
    child("first", "frontend", "db", 9, MINUTE);
    // A revision is a call counted already.
    calls.add(TimestampedValue.of(revision(traced("c1", "frontend", "cart", 1)), new Instant(2_000)));

    Map<String, EdgeStats> edges = edges();

    assertEquals(
        List.of(
            "0 10.0.0.0 -> frontend",
            "0 frontend -> cart",
            "0 frontend -> db",
            "60000 frontend -> db"),
        List.copyOf(edges.keySet()));
    assertStats(new LatencyStats(100, 50, 95, 99, 100), edges.get("0 frontend -> cart").latency());
    assertStats(new LatencyStats(1, 250, 250, 250, 250), edges.get("0 10.0.0.0 -> frontend").latency());
    assertStats(new LatencyStats(1, 7, 7, 7, 7), edges.get("0 frontend -> db").latency());
    assertStats(new LatencyStats(1, 9, 9, 9, 9), edges.get("60000 frontend -> db").latency());
    EdgeStats next = edges.get("60000 frontend -> db");
    assertEquals(MINUTE, next.windowStartMs());
    assertEquals(2 * MINUTE, next.windowEndMs());
  }

  @Test
  void eachWindowHasItsTracesRootLatencyCallsAndDepth() {
    trace(10, 2, 1, 5_000);
    trace(20, 4, 2, 30_000);
    trace(30, 9, 3, 59_999);
    trace(500, 1, 0, 61_000);

    Map<Long, TraceStats> byWindow = new TreeMap<>();
    for (TraceStats stats : run().traces) {
      byWindow.put(stats.windowStartMs(), stats);
    }

    assertEquals(List.of(0L, MINUTE), List.copyOf(byWindow.keySet()));
    TraceTotals first = byWindow.get(0L).totals();
    assertEquals(3, first.traces());
    assertStats(new LatencyStats(3, 20, 30, 30, 30), first.rootLatency());
    assertEquals(5.0, first.callsMean());
    assertEquals(9, first.callsMax());
    assertEquals(2.0, first.depthMean());
    assertEquals(3, first.depthMax());
    TraceTotals next = byWindow.get(MINUTE).totals();
    assertStats(new LatencyStats(1, 500, 500, 500, 500), next.rootLatency());
    assertEquals(List.of(1.0, 1, 0.0, 0), List.of(next.callsMean(), next.callsMax(), next.depthMean(), next.depthMax()));
  }

  /** The count and max exact, the percentiles within the sketch's error of the exact ones. */
  private static void assertStats(LatencyStats exact, LatencyStats sketched) {
    assertEquals(exact.calls(), sketched.calls(), "calls of " + sketched);
    assertEquals(exact.maxMs(), sketched.maxMs(), "max of " + sketched);
    double[][] pairs = {{exact.p50Ms(), sketched.p50Ms()}, {exact.p95Ms(), sketched.p95Ms()}, {exact.p99Ms(), sketched.p99Ms()}};
    for (double[] pair : pairs) {
      assertTrue(Math.abs(pair[1] - pair[0]) <= pair[0] * LatencySketch.RELATIVE_ERROR, sketched + " against " + exact);
    }
  }

  private void root(String id, String src, String service, long latency, long at) {
    LinkedCall call = new LinkedCall(CallRecord.of(id, src, service, at - latency, at), new String[0], new String[0]);
    calls.add(TimestampedValue.of(call.withTrace(TraceMark.root(id)), new Instant(at)));
  }

  private void child(String id, String caller, String callee, long latency, long at) {
    calls.add(TimestampedValue.of(traced(id, caller, callee, latency), new Instant(at)));
  }

  /** A call to the address {@code callee} (its service name) by one of {@code caller}'s instances. */
  private static LinkedCall traced(String id, String caller, String callee, long latency) {
    CallRecord call = CallRecord.of(id, caller + "-1", callee, 0, latency);
    return new LinkedCall(call, new String[] {"p"}, new String[0]).withTrace(new TraceMark("t", 1, caller));
  }

  private static LinkedCall revision(LinkedCall call) {
    return new LinkedCall(call.call(), call.parents(), call.children(), null, 1).withTrace(call.trace());
  }

  private void trace(double rootLatency, int calls, int depth, long at) {
    traces.add(TimestampedValue.of(new TraceSummary("t" + at, "frontend", at, rootLatency, calls, depth), new Instant(at)));
  }

  /** The edges written, by "window start, caller -> callee". */
  private Map<String, EdgeStats> edges() {
    Map<String, EdgeStats> byKey = new TreeMap<>();
    for (EdgeStats stats : run().edges) {
      EdgeStats before = byKey.put(stats.windowStartMs() + " " + stats.key(), stats);
      assertEquals(null, before, "one record per edge and window: " + stats);
    }
    return byKey;
  }

  private record Output(List<EdgeStats> edges, List<TraceStats> traces) {}

  /** Runs the graph on the calls and traces, in order of time, then the watermark past them all. */
  private Output run() {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(true);
    Pipeline pipeline = Pipeline.create(options);
    Collected<EdgeStats> edges = new Collected<>();
    Collected<TraceStats> traceStats = new Collected<>();
    PCollectionTuple graph =
        PCollectionTuple.of(TraceCalls.TRACED, pipeline.apply("Calls", stream(LinkedCall.LinkedCallCoder.of(), calls)))
            .and(TraceCalls.TRACES, pipeline.apply("Traces", stream(TraceSummary.TraceSummaryCoder.of(), traces)))
            .apply(new ServiceGraph());
    graph.get(ServiceGraph.EDGES).apply(edges.sink());
    graph.get(ServiceGraph.TRACES).apply(traceStats.sink());
    pipeline.run().waitUntilFinish();
    return new Output(edges.items(), traceStats.items());
  }

  /** The values at their times, the watermark following each, as the trace step's output goes. */
  private static <T> TestStream<T> stream(org.apache.beam.sdk.coders.Coder<T> coder, List<TimestampedValue<T>> values) {
    List<TimestampedValue<T>> inOrder = new ArrayList<>(values);
    inOrder.sort((a, b) -> a.getTimestamp().compareTo(b.getTimestamp()));
    TestStream.Builder<T> stream = TestStream.create(coder);
    for (TimestampedValue<T> value : inOrder) {
      stream = stream.addElements(value).advanceWatermarkTo(value.getTimestamp());
    }
    return stream.advanceWatermarkToInfinity();
  }
}

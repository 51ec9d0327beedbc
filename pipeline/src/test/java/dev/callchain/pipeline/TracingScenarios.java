package dev.callchain.pipeline;

import static dev.callchain.pipeline.testing.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.link.LinkByAddress;
import dev.callchain.pipeline.link.LinkSettings;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.TraceMark;
import dev.callchain.pipeline.model.TraceSummary;
import dev.callchain.pipeline.parse.ParseCalls;
import dev.callchain.pipeline.testing.ArrivalStream;
import dev.callchain.pipeline.testing.Collected;
import dev.callchain.pipeline.trace.TraceCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * --traces on a real runner: every call is written once, placed where an offline walk of the
 * best_parent forest places it, and not before its ancestors. Each runner's suite extends this.
 */
abstract class TracingScenarios {
  private static final long BOUND = 1_000;

  protected abstract PipelineOptions options();

  /** What a run of the trace stage wrote: each call's place and emission time, each trace. */
  private static final class Traced {
    final Map<String, LinkedCall> byId = new TreeMap<>();
    final Map<String, Long> writtenAt = new HashMap<>();
    final Map<String, TraceSummary> traces = new TreeMap<>();
    final Map<String, Long> counters;

    Traced(List<KV<LinkedCall, Long>> calls, List<TraceSummary> traces, Map<String, Long> counters) {
      for (KV<LinkedCall, Long> call : calls) {
        String id = call.getKey().call().id();
        assertEquals(null, byId.put(id, call.getKey()), "written twice: " + id);
        writtenAt.put(id, call.getValue());
      }
      for (TraceSummary trace : traces) {
        assertEquals(null, this.traces.put(trace.traceId(), trace), "trace written twice: " + trace.traceId());
      }
      this.counters = counters;
      assertEquals(0, counter(CallchainMetrics.WAITING_FOR_ANCESTORS), "calls still waiting");
    }

    TraceMark mark(String id) {
      assertNotNull(byId.get(id), "not written: " + id);
      return byId.get(id).trace();
    }

    long counter(String name) {
      return counters.getOrDefault(name, 0L);
    }
  }

  private Traced run(TracedInput input) {
    Pipeline pipeline = Pipeline.create(options());
    Collected<KV<LinkedCall, Long>> calls = new Collected<>();
    Collected<TraceSummary> traces = new Collected<>();
    PCollectionTuple traced = input.apply(pipeline).apply(new TraceCalls(0));
    traced.get(TraceCalls.TRACED).apply(ParDo.of(new WithTimestampFn())).apply(calls.sink());
    traced.get(TraceCalls.TRACES).apply(traces.sink());
    PipelineResult result = pipeline.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
    return new Traced(calls.items(), traces.items(), MetricsReport.metrics(result));
  }

  private interface TracedInput {
    PCollection<LinkedCall> apply(Pipeline pipeline);
  }

  @Test
  void randomConcurrentTracesArePlacedAsAnOfflineWalkOfTheBestParentForest() {
    for (int seed = 0; seed < randomRuns(); seed++) {
      Random random = new Random(seed);
      List<CallRecord> calls = randomTraces(random, 40);
      List<CallRecord> arrivals = ArrivalStream.shuffledWithinBound(calls, BOUND, random);
      TestStream<dev.callchain.pipeline.model.CallLog> stream =
          new ArrivalStream(BOUND).arrive(arrivals.toArray(new CallRecord[0])).end();
      Traced run =
          run(
              pipeline ->
                  pipeline
                      .apply(stream)
                      .apply(new ParseCalls())
                      .get(ParseCalls.CALLS)
                      .apply(new LinkByAddress(LinkSettings.idleFlushAfter(3_600_000).withBestParent(true))));

      assertEquals(calls.size(), run.byId.size(), "seed " + seed);
      Map<String, Integer> callsPerTrace = new HashMap<>();
      Map<String, Integer> depthPerTrace = new HashMap<>();
      for (LinkedCall call : run.byId.values()) {
        TraceMark walked = walk(call, run.byId);
        assertEquals(walked.traceId(), call.trace().traceId(), "seed " + seed + " " + call);
        assertEquals(walked.depth(), call.trace().depth(), "seed " + seed + " " + call);
        callsPerTrace.merge(walked.traceId(), 1, Integer::sum);
        depthPerTrace.merge(walked.traceId(), walked.depth(), Math::max);
      }
      assertEquals(callsPerTrace.keySet(), run.traces.keySet(), "seed " + seed);
      for (TraceSummary trace : run.traces.values()) {
        assertEquals(callsPerTrace.get(trace.traceId()), trace.calls(), "seed " + seed + " " + trace);
        assertEquals(depthPerTrace.get(trace.traceId()), trace.depth(), "seed " + seed + " " + trace);
      }
      assertEquals(0, run.counter(CallchainMetrics.TRACE_PARENTS_MISSING), "seed " + seed);
      assertTrue(run.traces.size() < calls.size(), "some calls were placed under a parent");
    }
  }

  /** How many random sets this runner checks (each is one pipeline run). */
  protected abstract int randomRuns();

  @Test
  void aCallIsPlacedUnderItsAncestorsInWhateverOrderTheyCome() {
    Traced run =
        run(
            stream(
                TimestampedValue.of(linked("c", 1_200, 1_300, "b", 1_800), new Instant(1_400)),
                TimestampedValue.of(linked("b", 1_100, 1_800, "a", 2_000), new Instant(1_900)),
                TimestampedValue.of(linked("a", 1_000, 2_000, null, 0), new Instant(2_100))));
    assertEquals(new TraceMark("a", 0, null), run.mark("a"));
    assertEquals(new TraceMark("a", 1, "a-svc"), run.mark("b"));
    // Only once its root had come could c know its trace; on Flink the three may come in any order.
    assertEquals(new TraceMark("a", 2, "b-svc"), run.mark("c"));
    assertEquals(new TraceSummary("a", "a-svc", 1_000, 1_000, 3, 2), run.traces.get("a"));
  }

  @Test
  void aChildThatComesAfterItsParentIsPlacedJoinsItsTrace() {
    Traced run =
        run(
            stream(
                TimestampedValue.of(linked("a", 1_000, 2_000, null, 0), new Instant(2_100)),
                TimestampedValue.of(linked("c", 1_500, 2_000, "a", 2_000), new Instant(2_100))));
    assertEquals(new TraceMark("a", 1, "a-svc"), run.mark("c"));
    assertEquals(2, run.traces.get("a").calls());
  }

  @Test
  void aCallWhoseBestParentNeverComesStartsItsOwnTraceOnceTheParentIsOverdue() {
    Traced run =
        run(
            stream(
                TimestampedValue.of(linked("c", 1_200, 1_300, "gone", 5_000), new Instant(1_400)),
                TimestampedValue.of(linked("d", 1_210, 1_290, "c", 1_300), new Instant(1_400))));
    assertEquals(new TraceMark("c", 0, null), run.mark("c"));
    assertEquals(new TraceMark("c", 1, "c-svc"), run.mark("d"));
    // Not before the watermark proved the parent, ending at 5000, would have come by now.
    assertTrue(run.writtenAt.get("c") > 5_000, "written at " + run.writtenAt.get("c"));
    assertEquals(1, run.counter(CallchainMetrics.TRACE_PARENTS_MISSING));
  }

  @Test
  void bestParentsInACircleAreBrokenAtTheCallThatClosesIt() {
    Traced run =
        run(
            stream(
                TimestampedValue.of(linked("x", 1_000, 2_000, "y", 2_000), new Instant(2_100)),
                TimestampedValue.of(linked("y", 1_000, 2_000, "x", 2_000), new Instant(2_100))));
    // The one that came second closes the circle and becomes the root (on Flink either may).
    String root = run.mark("x").depth() == 0 ? "x" : "y";
    String other = root.equals("x") ? "y" : "x";
    assertEquals(new TraceMark(root, 0, null), run.mark(root));
    assertEquals(new TraceMark(root, 1, root + "-svc"), run.mark(other));
    assertEquals(1, run.counter(CallchainMetrics.TRACE_CYCLES_BROKEN));
  }

  private static TracedInput stream(TimestampedValue<LinkedCall> first, TimestampedValue<LinkedCall>... rest) {
    TestStream.Builder<LinkedCall> builder =
        TestStream.create(LinkedCall.LinkedCallCoder.of()).addElements(first);
    for (TimestampedValue<LinkedCall> call : rest) {
      builder = builder.addElements(call);
    }
    TestStream<LinkedCall> stream = builder.advanceWatermarkToInfinity();
    return pipeline -> pipeline.apply(stream);
  }

  /** A call of service "{id}-svc" with its best parent (or none) ending at {@code parentEnd}. */
  private static LinkedCall linked(String id, long start, long end, @Nullable String best, long parentEnd) {
    CallRecord record =
        new CallRecord(id, "h", "h", start, end, end - start, ("\"service\":\"" + id + "-svc\"").getBytes());
    String[] parents = best == null ? new String[0] : new String[] {best};
    double[] scores = best == null ? new double[0] : new double[] {1};
    return new LinkedCall(record, parents, new String[0], new ParentScores(best, scores, parentEnd), 0);
  }

  /** Where the offline walk of the written best_parent forest places a call. */
  private static TraceMark walk(LinkedCall call, Map<String, LinkedCall> byId) {
    LinkedCall at = call;
    int depth = 0;
    while (at.bestParent() != null) {
      at = byId.get(at.bestParent());
      depth++;
    }
    return new TraceMark(at.call().id(), depth, null);
  }

  /**
   * Concurrent request trees over a few services: each call's children start and end inside it,
   * so several traces in flight at once give a child several candidate parents.
   */
  static List<CallRecord> randomTraces(Random random, int traces) {
    List<CallRecord> calls = new ArrayList<>();
    int[] next = {0};
    for (int t = 0; t < traces; t++) {
      long start = 1_600_000_000_000L + random.nextInt(4_000);
      addCall(random, calls, next, "client", "s0", start, start + 200 + random.nextInt(300), 0);
    }
    return calls;
  }

  private static void addCall(
      Random random, List<CallRecord> calls, int[] next, String src, String dst, long start, long end, int depth) {
    calls.add(call("c" + next[0]++, src, dst, start, end));
    if (depth == 3) {
      return;
    }
    long at = start + 1;
    for (int child = random.nextInt(depth == 0 ? 4 : 3); child > 0 && at + 2 < end; child--) {
      long childEnd = Math.min(end - 1, at + 1 + random.nextInt((int) Math.max(1, (end - at) / 2)));
      addCall(random, calls, next, dst, "s" + (1 + random.nextInt(4)), at, childEnd, depth + 1);
      at = childEnd + random.nextInt(3);
    }
  }

  /** Each call with the event time it was written at. */
  private static final class WithTimestampFn extends DoFn<LinkedCall, KV<LinkedCall, Long>> {
    @ProcessElement
    public void processElement(@Element LinkedCall call, @Timestamp Instant at, OutputReceiver<KV<LinkedCall, Long>> out) {
      out.output(KV.of(call, at.getMillis()));
    }
  }
}

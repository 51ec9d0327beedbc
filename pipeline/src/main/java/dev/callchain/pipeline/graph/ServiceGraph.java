package dev.callchain.pipeline.graph;

import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.TraceSummary;
import dev.callchain.pipeline.trace.TraceCalls;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * The service graph with latency, per one-minute event-time window: from {@link TraceCalls}'
 * output, {@link #EDGES} has each caller -> callee edge's calls and latency percentiles, {@link
 * #TRACES} the traces completed, their roots' latency, calls and depth. A window is written once,
 * when the watermark passes its end; a call or trace behind it then is dropped (no allowed
 * lateness), which the linker's own bound makes rare: its output's times are those at which the
 * watermark let calls and traces go.
 */
public final class ServiceGraph extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<EdgeStats> EDGES = new TupleTag<>() {};
  public static final TupleTag<TraceStats> TRACES = new TupleTag<>() {};

  static final Duration WINDOW = Duration.standardMinutes(1);

  @Override
  public PCollectionTuple expand(PCollectionTuple traced) {
    PCollection<EdgeStats> edges =
        traced
            .get(TraceCalls.TRACED)
            // A revision (--lateLinks=revise) is a call already counted.
            .apply("FirstEmissions", Filter.by((LinkedCall call) -> call.revision() == 0))
            .apply(
                "ToEdgeLatencies",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptor.of(Edge.class), TypeDescriptors.doubles()))
                    .via((LinkedCall call) -> KV.of(Edge.of(call), call.call().latencyMsec())))
            .apply("EdgeWindows", ServiceGraph.<KV<Edge, Double>>minuteWindows())
            .apply("LatencyPerEdge", Combine.perKey(new LatencyCombiner()))
            .apply(
                "StampEdgeWindows",
                ParDo.of(new StampWindow<KV<Edge, LatencyStats>, EdgeStats>(
                    (start, end, edge) -> new EdgeStats(start, end, edge.getKey(), edge.getValue()))))
            .setCoder(EdgeStats.EdgeStatsCoder.of());
    PCollection<TraceStats> traces =
        traced
            .get(TraceCalls.TRACES)
            .apply("TraceWindows", ServiceGraph.<TraceSummary>minuteWindows())
            .apply("TraceTotals", Combine.globally(new TraceTotalsCombiner()).withoutDefaults())
            .apply("StampTraceWindows", ParDo.of(new StampWindow<TraceTotals, TraceStats>(TraceStats::new)))
            .setCoder(TraceStats.TraceStatsCoder.of());
    return PCollectionTuple.of(EDGES, edges).and(TRACES, traces);
  }

  /** One-minute windows, each fired once, at its end. */
  private static <T> Window<T> minuteWindows() {
    return Window.<T>into(FixedWindows.of(WINDOW))
        .triggering(AfterWatermark.pastEndOfWindow())
        .withAllowedLateness(Duration.ZERO)
        .discardingFiredPanes();
  }
}

package dev.callchain.pipeline.graph;

import dev.callchain.pipeline.model.TraceSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/** Completed traces into their {@link TraceTotals}, in bounded space (a root latency sketch, sums). */
final class TraceTotalsCombiner extends CombineFn<TraceSummary, TraceTotalsCombiner.Tally, TraceTotals> {
  @Override
  public Tally createAccumulator() {
    return new Tally();
  }

  @Override
  public Tally addInput(Tally tally, TraceSummary trace) {
    tally.roots.add(trace.rootLatencyMsec());
    tally.calls += trace.calls();
    tally.callsMax = Math.max(tally.callsMax, trace.calls());
    tally.depths += trace.depth();
    tally.depthMax = Math.max(tally.depthMax, trace.depth());
    return tally;
  }

  @Override
  public Tally mergeAccumulators(Iterable<Tally> tallies) {
    Tally merged = new Tally();
    for (Tally tally : tallies) {
      merged.roots.merge(tally.roots);
      merged.calls += tally.calls;
      merged.callsMax = Math.max(merged.callsMax, tally.callsMax);
      merged.depths += tally.depths;
      merged.depthMax = Math.max(merged.depthMax, tally.depthMax);
    }
    return merged;
  }

  @Override
  public TraceTotals extractOutput(Tally tally) {
    long traces = Math.max(1, tally.roots.count());
    return new TraceTotals(
        LatencyStats.of(tally.roots),
        (double) tally.calls / traces,
        tally.callsMax,
        (double) tally.depths / traces,
        tally.depthMax);
  }

  @Override
  public Coder<Tally> getAccumulatorCoder(CoderRegistry registry, Coder<TraceSummary> input) {
    return TallyCoder.INSTANCE;
  }

  /** The traces so far: the roots' latencies, and the sums and maxima of calls and depth. */
  static final class Tally {
    private LatencySketch roots = new LatencySketch();
    private long calls;
    private int callsMax;
    private long depths;
    private int depthMax;
  }

  private static final class TallyCoder extends CustomCoder<Tally> {
    private static final TallyCoder INSTANCE = new TallyCoder();

    @Override
    public void encode(Tally tally, OutputStream out) throws IOException {
      LatencySketch.SketchCoder.of().encode(tally.roots, out);
      VarLongCoder.of().encode(tally.calls, out);
      VarIntCoder.of().encode(tally.callsMax, out);
      VarLongCoder.of().encode(tally.depths, out);
      VarIntCoder.of().encode(tally.depthMax, out);
    }

    @Override
    public Tally decode(InputStream in) throws IOException {
      Tally tally = new Tally();
      tally.roots = LatencySketch.SketchCoder.of().decode(in);
      tally.calls = VarLongCoder.of().decode(in);
      tally.callsMax = VarIntCoder.of().decode(in);
      tally.depths = VarLongCoder.of().decode(in);
      tally.depthMax = VarIntCoder.of().decode(in);
      return tally;
    }
  }
}

package dev.callchain.pipeline.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Traces taken together: their roots' latency (its count is the number of traces), and the calls
 * and depth of each trace, their mean and max.
 */
@DefaultCoder(TraceTotals.TraceTotalsCoder.class)
public record TraceTotals(LatencyStats rootLatency, double callsMean, int callsMax, double depthMean, int depthMax) {

  public long traces() {
    return rootLatency.calls();
  }

  /** Binary form of {@link TraceTotals}. */
  public static final class TraceTotalsCoder extends AtomicCoder<TraceTotals> {
    private static final TraceTotalsCoder INSTANCE = new TraceTotalsCoder();

    /** Lets @DefaultCoder find this coder for {@link TraceTotals}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(TraceTotals.class), of());
    }

    public static TraceTotalsCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TraceTotals totals, OutputStream out) throws IOException {
      LatencyStats.LatencyStatsCoder.of().encode(totals.rootLatency, out);
      DoubleCoder.of().encode(totals.callsMean, out);
      VarIntCoder.of().encode(totals.callsMax, out);
      DoubleCoder.of().encode(totals.depthMean, out);
      VarIntCoder.of().encode(totals.depthMax, out);
    }

    @Override
    public TraceTotals decode(InputStream in) throws IOException {
      return new TraceTotals(
          LatencyStats.LatencyStatsCoder.of().decode(in),
          DoubleCoder.of().decode(in),
          VarIntCoder.of().decode(in),
          DoubleCoder.of().decode(in),
          VarIntCoder.of().decode(in));
    }
  }
}

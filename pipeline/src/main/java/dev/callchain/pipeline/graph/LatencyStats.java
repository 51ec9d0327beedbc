package dev.callchain.pipeline.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * How many calls, and their latency in milliseconds: p50, p95 and p99 within {@link
 * LatencySketch#RELATIVE_ERROR}, the max exact.
 */
@DefaultCoder(LatencyStats.LatencyStatsCoder.class)
public record LatencyStats(long calls, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

  public static LatencyStats of(LatencySketch sketch) {
    return new LatencyStats(
        sketch.count(), sketch.quantile(0.50), sketch.quantile(0.95), sketch.quantile(0.99), sketch.max());
  }

  /** Binary form of {@link LatencyStats}. */
  public static final class LatencyStatsCoder extends AtomicCoder<LatencyStats> {
    private static final LatencyStatsCoder INSTANCE = new LatencyStatsCoder();

    /** Lets @DefaultCoder find this coder for {@link LatencyStats}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(LatencyStats.class), of());
    }

    public static LatencyStatsCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(LatencyStats stats, OutputStream out) throws IOException {
      VarLongCoder.of().encode(stats.calls, out);
      DoubleCoder.of().encode(stats.p50Ms, out);
      DoubleCoder.of().encode(stats.p95Ms, out);
      DoubleCoder.of().encode(stats.p99Ms, out);
      DoubleCoder.of().encode(stats.maxMs, out);
    }

    @Override
    public LatencyStats decode(InputStream in) throws IOException {
      return new LatencyStats(
          VarLongCoder.of().decode(in),
          DoubleCoder.of().decode(in),
          DoubleCoder.of().decode(in),
          DoubleCoder.of().decode(in),
          DoubleCoder.of().decode(in));
    }
  }
}

package dev.callchain.pipeline.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** The traces a window saw completed: the chain statistics of the prototype's requirements. */
@DefaultCoder(TraceStats.TraceStatsCoder.class)
public record TraceStats(long windowStartMs, long windowEndMs, TraceTotals totals) implements GraphRecord {
  /** The key of every window's trace statistics: one series. */
  public static final String KEY = "traces";

  @Override
  public String key() {
    return KEY;
  }

  /** Binary form of {@link TraceStats}. */
  public static final class TraceStatsCoder extends AtomicCoder<TraceStats> {
    private static final TraceStatsCoder INSTANCE = new TraceStatsCoder();

    /** Lets @DefaultCoder find this coder for {@link TraceStats}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(TraceStats.class), of());
    }

    public static TraceStatsCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TraceStats stats, OutputStream out) throws IOException {
      VarLongCoder.of().encode(stats.windowStartMs, out);
      VarLongCoder.of().encode(stats.windowEndMs, out);
      TraceTotals.TraceTotalsCoder.of().encode(stats.totals, out);
    }

    @Override
    public TraceStats decode(InputStream in) throws IOException {
      return new TraceStats(
          VarLongCoder.of().decode(in), VarLongCoder.of().decode(in), TraceTotals.TraceTotalsCoder.of().decode(in));
    }
  }
}

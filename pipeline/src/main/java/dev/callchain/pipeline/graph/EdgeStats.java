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

/** The calls along one edge of the service graph that a window saw, and their latency. */
@DefaultCoder(EdgeStats.EdgeStatsCoder.class)
public record EdgeStats(long windowStartMs, long windowEndMs, Edge edge, LatencyStats latency)
    implements GraphRecord {

  @Override
  public String key() {
    return edge.toString();
  }

  /** Binary form of {@link EdgeStats}. */
  public static final class EdgeStatsCoder extends AtomicCoder<EdgeStats> {
    private static final EdgeStatsCoder INSTANCE = new EdgeStatsCoder();

    /** Lets @DefaultCoder find this coder for {@link EdgeStats}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(EdgeStats.class), of());
    }

    public static EdgeStatsCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(EdgeStats stats, OutputStream out) throws IOException {
      VarLongCoder.of().encode(stats.windowStartMs, out);
      VarLongCoder.of().encode(stats.windowEndMs, out);
      Edge.EdgeCoder.of().encode(stats.edge, out);
      LatencyStats.LatencyStatsCoder.of().encode(stats.latency, out);
    }

    @Override
    public EdgeStats decode(InputStream in) throws IOException {
      return new EdgeStats(
          VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          Edge.EdgeCoder.of().decode(in),
          LatencyStats.LatencyStatsCoder.of().decode(in));
    }
  }
}

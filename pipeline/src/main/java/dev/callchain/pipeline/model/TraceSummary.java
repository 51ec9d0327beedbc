package dev.callchain.pipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A finished trace (--traces): its root, the root's latency, its calls and its depth (0 for a root
 * alone).
 */
@DefaultCoder(TraceSummary.TraceSummaryCoder.class)
public record TraceSummary(
    String traceId, String rootService, long startAtMs, double rootLatencyMsec, int calls, int depth) {

  /** With {@code more} calls, and at least {@code deeper} deep. */
  public TraceSummary with(int more, int deeper) {
    return new TraceSummary(traceId, rootService, startAtMs, rootLatencyMsec, calls + more, Math.max(depth, deeper));
  }

  /** Binary form of a {@link TraceSummary}. */
  public static final class TraceSummaryCoder extends AtomicCoder<TraceSummary> {
    private static final long serialVersionUID = 1L;

    private static final TraceSummaryCoder INSTANCE = new TraceSummaryCoder();

    /** Lets @DefaultCoder find this coder for {@link TraceSummary}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(TraceSummary.class), of());
    }

    public static TraceSummaryCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TraceSummary trace, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(trace.traceId, out);
      StringUtf8Coder.of().encode(trace.rootService, out);
      VarLongCoder.of().encode(trace.startAtMs, out);
      DoubleCoder.of().encode(trace.rootLatencyMsec, out);
      VarIntCoder.of().encode(trace.calls, out);
      VarIntCoder.of().encode(trace.depth, out);
    }

    @Override
    public TraceSummary decode(InputStream in) throws IOException {
      return new TraceSummary(
          StringUtf8Coder.of().decode(in),
          StringUtf8Coder.of().decode(in),
          VarLongCoder.of().decode(in),
          DoubleCoder.of().decode(in),
          VarIntCoder.of().decode(in),
          VarIntCoder.of().decode(in));
    }

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}

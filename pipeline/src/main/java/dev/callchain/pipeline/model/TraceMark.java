package dev.callchain.pipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a call sits in its trace (--traces): the id of the root reached by following best_parent,
 * the distance to it, and the service of the call's best parent (its caller), null at a root.
 */
public final class TraceMark {
  private final String traceId;
  private final int depth;
  private final @Nullable String callerService;

  public TraceMark(String traceId, int depth, @Nullable String callerService) {
    this.traceId = Objects.requireNonNull(traceId);
    this.depth = depth;
    this.callerService = callerService;
  }

  /** A call with no best parent starts its own trace. */
  public static TraceMark root(String id) {
    return new TraceMark(id, 0, null);
  }

  /** The mark of a child of the call marked so, which is of {@code service}. */
  public TraceMark child(String service) {
    return new TraceMark(traceId, depth + 1, service);
  }

  public String traceId() {
    return traceId;
  }

  public int depth() {
    return depth;
  }

  public @Nullable String callerService() {
    return callerService;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceMark
        && ((TraceMark) o).traceId.equals(traceId)
        && ((TraceMark) o).depth == depth
        && Objects.equals(((TraceMark) o).callerService, callerService);
  }

  @Override
  public int hashCode() {
    return traceId.hashCode() * 31 + depth;
  }

  @Override
  public String toString() {
    return "trace=" + traceId + " depth=" + depth + (callerService == null ? "" : " caller=" + callerService);
  }

  /** Writes a mark that may be absent (--traces off) behind a presence flag. */
  public static void encode(@Nullable TraceMark mark, OutputStream out) throws IOException {
    BooleanCoder.of().encode(mark != null, out);
    if (mark == null) {
      return;
    }
    StringUtf8Coder.of().encode(mark.traceId, out);
    VarIntCoder.of().encode(mark.depth, out);
    BooleanCoder.of().encode(mark.callerService != null, out);
    if (mark.callerService != null) {
      StringUtf8Coder.of().encode(mark.callerService, out);
    }
  }

  public static @Nullable TraceMark decode(InputStream in) throws IOException {
    if (!BooleanCoder.of().decode(in)) {
      return null;
    }
    String traceId = StringUtf8Coder.of().decode(in);
    int depth = VarIntCoder.of().decode(in);
    String caller = BooleanCoder.of().decode(in) ? StringUtf8Coder.of().decode(in) : null;
    return new TraceMark(traceId, depth, caller);
  }
}

package dev.callchain.pipeline.trace;

import dev.callchain.pipeline.model.IdListCoder;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.TraceMark;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the trace stage knows of one call id: it is expected (children wait for it, it has not
 * come), waiting (it came, its best parent is not placed yet), or placed in its trace (kept for
 * children still to come). Immutable; each change is a new node.
 */
final class TraceNode {
  enum Kind {
    EXPECTED,
    WAITING,
    PLACED
  }

  private static final String[] NONE = new String[0];

  final Kind kind;
  /** The ids of the calls waiting for this one (EXPECTED, WAITING). */
  final String[] waiters;
  /** The call itself (WAITING). */
  final @Nullable LinkedCall call;
  /** Its place (PLACED). */
  final @Nullable TraceMark mark;
  /** Its service, which its children name as their caller (PLACED). */
  final @Nullable String service;
  /** When a WAITING call gives up on its parent, or a PLACED one is forgotten (event time, ms). */
  final long dueAt;

  private TraceNode(
      Kind kind,
      String[] waiters,
      @Nullable LinkedCall call,
      @Nullable TraceMark mark,
      @Nullable String service,
      long dueAt) {
    this.kind = kind;
    this.waiters = waiters;
    this.call = call;
    this.mark = mark;
    this.service = service;
    this.dueAt = dueAt;
  }

  static TraceNode expected(String waiter) {
    return new TraceNode(Kind.EXPECTED, new String[] {waiter}, null, null, null, 0);
  }

  static TraceNode waiting(LinkedCall call, String[] waiters, long giveUpAt) {
    return new TraceNode(Kind.WAITING, waiters, call, null, null, giveUpAt);
  }

  static TraceNode placed(TraceMark mark, String service, long forgetAt) {
    return new TraceNode(Kind.PLACED, NONE, null, mark, service, forgetAt);
  }

  /** The waiters of a node that may be absent. */
  static String[] waitersOf(@Nullable TraceNode node) {
    return node == null || node.kind == Kind.PLACED ? NONE : node.waiters;
  }

  TraceNode withWaiter(String id) {
    String[] more = Arrays.copyOf(waiters, waiters.length + 1);
    more[waiters.length] = id;
    return new TraceNode(kind, more, call, mark, service, dueAt);
  }

  /** Without {@code id} among the waiters; null when an expected node is left with none. */
  @Nullable TraceNode withoutWaiter(String id) {
    String[] fewer = Arrays.stream(waiters).filter(waiter -> !waiter.equals(id)).toArray(String[]::new);
    return kind == Kind.EXPECTED && fewer.length == 0
        ? null
        : new TraceNode(kind, fewer, call, mark, service, dueAt);
  }

  /** Binary form of a {@link TraceNode}. */
  static final class TraceNodeCoder extends AtomicCoder<TraceNode> {
    private static final long serialVersionUID = 1L;

    private static final TraceNodeCoder INSTANCE = new TraceNodeCoder();

    static TraceNodeCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TraceNode node, OutputStream out) throws IOException {
      out.write(node.kind.ordinal());
      switch (node.kind) {
        case EXPECTED -> IdListCoder.encode(node.waiters, out);
        case WAITING -> {
          IdListCoder.encode(node.waiters, out);
          LinkedCall.LinkedCallCoder.of().encode(node.call, out);
          VarLongCoder.of().encode(node.dueAt, out);
        }
        case PLACED -> {
          TraceMark.encode(node.mark, out);
          StringUtf8Coder.of().encode(node.service, out);
          VarLongCoder.of().encode(node.dueAt, out);
        }
      }
    }

    @Override
    public TraceNode decode(InputStream in) throws IOException {
      int kind = in.read();
      if (kind < 0 || kind >= Kind.values().length) {
        throw new CoderException("not a trace node: kind " + kind);
      }
      return switch (Kind.values()[kind]) {
        case EXPECTED -> new TraceNode(Kind.EXPECTED, IdListCoder.decode(in), null, null, null, 0);
        case WAITING -> new TraceNode(
            Kind.WAITING,
            IdListCoder.decode(in),
            LinkedCall.LinkedCallCoder.of().decode(in),
            null,
            null,
            VarLongCoder.of().decode(in));
        case PLACED -> {
          TraceMark mark = TraceMark.decode(in);
          String service = StringUtf8Coder.of().decode(in);
          yield placed(mark, service, VarLongCoder.of().decode(in));
        }
      };
    }
  }
}

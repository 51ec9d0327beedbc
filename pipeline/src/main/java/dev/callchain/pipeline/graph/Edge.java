package dev.callchain.pipeline.graph;

import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.ServiceName;
import dev.callchain.pipeline.model.TraceMark;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Who called whom: the caller's service (or, at a trace's root, its address) and the callee's. */
@DefaultCoder(Edge.EdgeCoder.class)
public record Edge(String caller, String callee) {
  private static final String ARROW = " -> ";

  /**
   * The edge a traced call went along: from its best parent's service, else (a root, whose
   * caller is not logged as a call) from its source address, to its own service.
   */
  public static Edge of(LinkedCall traced) {
    TraceMark mark = Objects.requireNonNull(traced.trace(), "a call placed in its trace");
    String caller = mark.callerService() == null ? traced.call().srcIp() : mark.callerService();
    return new Edge(caller, ServiceName.of(traced.call()));
  }

  /** "caller -> callee": the key of the edge's records. */
  @Override
  public String toString() {
    return caller + ARROW + callee;
  }

  /** Binary form of an {@link Edge}; deterministic, so that edges can be keys. */
  public static final class EdgeCoder extends AtomicCoder<Edge> {
    private static final EdgeCoder INSTANCE = new EdgeCoder();

    /** Lets @DefaultCoder find this coder for {@link Edge}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(Edge.class), of());
    }

    public static EdgeCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Edge edge, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(edge.caller, out);
      StringUtf8Coder.of().encode(edge.callee, out);
    }

    @Override
    public Edge decode(InputStream in) throws IOException {
      return new Edge(StringUtf8Coder.of().decode(in), StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}

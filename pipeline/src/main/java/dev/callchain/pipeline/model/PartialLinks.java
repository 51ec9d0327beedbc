package dev.callchain.pipeline.model;

import org.apache.beam.sdk.coders.DefaultCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Half of a call's links, as found under one address. A call's parents are complete under its
 * {@code src_ip} (where it is held as a child, with its full record); its children under its
 * {@code dst_ip} (where it is held as a parent, by id and times only). Two halves make a {@link
 * LinkedCall}.
 */
@DefaultCoder(PartialLinks.PartialLinksCoder.class)
public final class PartialLinks {
  private final String id;
  private final long end;
  private final @Nullable CallRecord call;
  private final String[] ids;
  private final @Nullable ParentScores scores;
  private final boolean revision;

  private PartialLinks(
      String id,
      long end,
      @Nullable CallRecord call,
      String[] ids,
      @Nullable ParentScores scores,
      boolean revision) {
    this.id = Objects.requireNonNull(id);
    this.end = end;
    this.call = call;
    this.ids = Objects.requireNonNull(ids);
    this.scores = scores;
    this.revision = revision;
  }

  /** The half found where the call is a child: its record and all its parents. */
  public static PartialLinks parentsOf(CallRecord call, String[] parents) {
    return new PartialLinks(call.id(), call.endAtMs(), call, parents, null, false);
  }

  /** The parents half with the parents' scores (--bestParent). */
  public static PartialLinks parentsOf(
      CallRecord call, String[] parents, @Nullable ParentScores scores) {
    return new PartialLinks(call.id(), call.endAtMs(), call, parents, scores, false);
  }

  /** The half found where the call (ending at {@code end}) is a parent: all its children. */
  public static PartialLinks childrenOf(String id, long end, String[] children) {
    return new PartialLinks(id, end, null, children, null, false);
  }

  /** This half again, with links found after it was first emitted (--lateLinks=revise). */
  public PartialLinks asRevision() {
    return new PartialLinks(id, end, call, ids, scores, true);
  }

  /** Whether this half supersedes one emitted before for the same call. */
  public boolean isRevision() {
    return revision;
  }

  public String id() {
    return id;
  }

  /** The call's end_at_ms: when its partner half is due (CallsAtAddress#bothHalvesOutBy). */
  public long end() {
    return end;
  }

  public boolean hasParents() {
    return call != null;
  }

  /** The full record; present only on the parents half. */
  public @Nullable CallRecord call() {
    return call;
  }

  /** Parent ids on the parents half, child ids on the children half. Never mutate. */
  public String[] ids() {
    return ids;
  }

  /** On the parents half with --bestParent: how likely each parent is the real one. */
  public @Nullable ParentScores scores() {
    return scores;
  }

  /** Binary form of {@link PartialLinks}. */
  public static final class PartialLinksCoder extends AtomicCoder<PartialLinks> {
    private static final PartialLinksCoder INSTANCE = new PartialLinksCoder();

    /** Lets @DefaultCoder find this coder for {@link PartialLinks}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(PartialLinks.class), of());
    }

    public static PartialLinksCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(PartialLinks links, OutputStream out) throws IOException {
      BooleanCoder.of().encode(links.revision, out);
      BooleanCoder.of().encode(links.call != null, out);
      if (links.call != null) {
        CallRecordCoder.of().encode(links.call, out);
      } else {
        StringUtf8Coder.of().encode(links.id, out);
        VarLongCoder.of().encode(links.end, out);
      }
      IdListCoder.encode(links.ids, out);
      if (links.call != null) {
        ParentScores.encode(links.scores, out);
      }
    }

    @Override
    public PartialLinks decode(InputStream in) throws IOException {
      boolean revision = BooleanCoder.of().decode(in);
      PartialLinks half;
      if (BooleanCoder.of().decode(in)) {
        CallRecord call = CallRecordCoder.of().decode(in);
        String[] parents = IdListCoder.decode(in);
        half = parentsOf(call, parents, ParentScores.decode(in));
      } else {
        String id = StringUtf8Coder.of().decode(in);
        long end = VarLongCoder.of().decode(in);
        half = childrenOf(id, end, IdListCoder.decode(in));
      }
      return revision ? half.asRevision() : half;
    }
  }
}

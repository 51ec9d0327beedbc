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
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Half of a call's links, as found under one address. A call's parents are complete under its
 * {@code src_ip} (where it is held as a child, with its full record); its children under its
 * {@code dst_ip} (where it is held as a parent, by id and times only). Two halves make a {@link
 * LinkedCall}.
 *
 * <p>Where an address is cut into time slices (--addressSliceMs), a call is a candidate parent in
 * every slice its interval overlaps, and its children half comes in that many pieces: piece
 * {@code i} of {@code pieces} holds the children that start in the i-th of those slices.
 */
@DefaultCoder(PartialLinks.PartialLinksCoder.class)
public final class PartialLinks {
  private final String id;
  private final long start;
  private final long end;
  private final @Nullable CallRecord call;
  private final String[] ids;
  private final @Nullable ParentScores scores;
  private final boolean revision;
  private final int piece;
  private final int pieces;

  private PartialLinks(
      String id,
      long start,
      long end,
      @Nullable CallRecord call,
      String[] ids,
      @Nullable ParentScores scores,
      boolean revision,
      int piece,
      int pieces) {
    this.id = Objects.requireNonNull(id);
    this.start = start;
    this.end = end;
    this.call = call;
    this.ids = Objects.requireNonNull(ids);
    this.scores = scores;
    this.revision = revision;
    this.piece = piece;
    this.pieces = pieces;
  }

  /** The half found where the call is a child: its record and all its parents. */
  public static PartialLinks parentsOf(CallRecord call, String[] parents) {
    return new PartialLinks(call.id(), call.startAtMs(), call.endAtMs(), call, parents, null, false, 0, 1);
  }

  /** The parents half with the parents' scores (--bestParent). */
  public static PartialLinks parentsOf(
      CallRecord call, String[] parents, @Nullable ParentScores scores) {
    return new PartialLinks(call.id(), call.startAtMs(), call.endAtMs(), call, parents, scores, false, 0, 1);
  }

  /** The half found where the call (over [start, end]) is a parent: all its children. */
  public static PartialLinks childrenOf(String id, long start, long end, String[] children) {
    return new PartialLinks(id, start, end, null, children, null, false, 0, 1);
  }

  /** This children half as piece {@code piece} (from 0) of {@code pieces}. */
  public PartialLinks asPiece(int piece, int pieces) {
    if (call != null || piece < 0 || piece >= pieces) {
      throw new IllegalArgumentException("piece " + piece + " of " + pieces + " of " + id);
    }
    return new PartialLinks(id, start, end, null, ids, null, revision, piece, pieces);
  }

  /**
   * A children half with the children of another piece of it added (pieces never share a child,
   * but a revised piece repeats the children it had): sorted, without duplicates.
   */
  public PartialLinks withChildrenOf(PartialLinks other) {
    if (call != null || other.call != null || !id.equals(other.id)) {
      throw new IllegalArgumentException("not two children halves of " + id);
    }
    return new PartialLinks(id, start, end, null, union(ids, other.ids), null, revision, piece, pieces);
  }

  private static String[] union(String[] a, String[] b) {
    String[] merged = new String[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      int order = i == a.length ? 1 : j == b.length ? -1 : a[i].compareTo(b[j]);
      String next = order <= 0 ? a[i++] : b[j++];
      if (order == 0) {
        j++;
      }
      merged[n++] = next;
    }
    return n == merged.length ? merged : java.util.Arrays.copyOf(merged, n);
  }

  /** This half again, with links found after it was first emitted (--lateLinks=revise). */
  public PartialLinks asRevision() {
    return new PartialLinks(id, start, end, call, ids, scores, true, piece, pieces);
  }

  /** Which piece of the children half this is (0 unless the address is sliced). */
  public int piece() {
    return piece;
  }

  /** How many pieces the children half comes in (1 unless the address is sliced). */
  public int pieces() {
    return pieces;
  }

  /** Whether this half supersedes one emitted before for the same call. */
  public boolean isRevision() {
    return revision;
  }

  public String id() {
    return id;
  }

  /** The call's start_at_ms. */
  public long start() {
    return start;
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
        VarLongCoder.of().encode(links.start, out);
        VarLongCoder.of().encode(links.end - links.start, out);
        VarIntCoder.of().encode(links.piece, out);
        VarIntCoder.of().encode(links.pieces, out);
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
        long start = VarLongCoder.of().decode(in);
        long end = start + VarLongCoder.of().decode(in);
        int piece = VarIntCoder.of().decode(in);
        int pieces = VarIntCoder.of().decode(in);
        half = new PartialLinks(id, start, end, null, IdListCoder.decode(in), null, false, piece, pieces);
      }
      return revision ? half.asRevision() : half;
    }
  }
}

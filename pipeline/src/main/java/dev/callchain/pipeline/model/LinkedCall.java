package dev.callchain.pipeline.model;

import org.apache.beam.sdk.coders.DefaultCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The output record (SPEC §3): a call with the ids of all its parents and all its children. */
@DefaultCoder(LinkedCall.LinkedCallCoder.class)
public final class LinkedCall {
  private final CallRecord call;
  private final String[] parents;
  private final String[] children;
  private final @Nullable ParentScores parentScores;
  private final int revision;
  private final @Nullable TraceMark trace;

  /** The id lists must already be sorted ascending and free of duplicates. */
  public LinkedCall(CallRecord call, String[] parents, String[] children) {
    this(call, parents, children, null, 0);
  }

  /**
   * With the parents' scores (--bestParent, else null), and the revision: 0 for the first
   * emission, n for the n-th re-emission with late links (--lateLinks=revise).
   */
  public LinkedCall(
      CallRecord call,
      String[] parents,
      String[] children,
      @Nullable ParentScores parentScores,
      int revision) {
    this(call, parents, children, parentScores, revision, null);
  }

  private LinkedCall(
      CallRecord call,
      String[] parents,
      String[] children,
      @Nullable ParentScores parentScores,
      int revision,
      @Nullable TraceMark trace) {
    this.call = Objects.requireNonNull(call);
    this.parents = Objects.requireNonNull(parents);
    this.children = Objects.requireNonNull(children);
    this.parentScores = parentScores;
    this.revision = revision;
    this.trace = trace;
  }

  /** This call placed in its trace (--traces). */
  public LinkedCall withTrace(TraceMark mark) {
    return new LinkedCall(call, parents, children, parentScores, revision, mark);
  }

  public CallRecord call() {
    return call;
  }

  /** Sorted, distinct parent ids. Never mutate. */
  public String[] parents() {
    return parents;
  }

  /** Sorted, distinct child ids. Never mutate. */
  public String[] children() {
    return children;
  }

  public @Nullable ParentScores parentScores() {
    return parentScores;
  }

  public int revision() {
    return revision;
  }

  /** Its place in its trace with --traces, else null. */
  public @Nullable TraceMark trace() {
    return trace;
  }

  /**
   * The score of candidate caller {@code id} (a parent, or a near miss within the skew
   * tolerance), or null: not a candidate, or --bestParent off.
   */
  public @Nullable Double scoreOf(String id) {
    if (parentScores == null) {
      return null;
    }
    int index = Arrays.binarySearch(parents, id);
    if (index < 0) {
      index = Arrays.binarySearch(parentScores.nearMisses(), id);
      index = index < 0 ? index : parents.length + index;
    }
    return index < 0 ? null : parentScores.scores()[index];
  }

  /** How many candidate callers it has: its parents, and its near misses (--skewToleranceMs). */
  public int candidates() {
    return parents.length + (parentScores == null ? 0 : parentScores.nearMisses().length);
  }

  /** Its best parent's id, or null: none named, or --bestParent off. */
  public @Nullable String bestParent() {
    return parentScores == null ? null : parentScores.best();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinkedCall
        && ((LinkedCall) o).call.equals(call)
        && Arrays.equals(((LinkedCall) o).parents, parents)
        && Arrays.equals(((LinkedCall) o).children, children)
        && Objects.equals(((LinkedCall) o).parentScores, parentScores)
        && ((LinkedCall) o).revision == revision
        && Objects.equals(((LinkedCall) o).trace, trace);
  }

  @Override
  public int hashCode() {
    return call.hashCode();
  }

  @Override
  public String toString() {
    return call + " parents=" + Arrays.toString(parents) + " children=" + Arrays.toString(children)
        + (parentScores == null ? "" : " " + parentScores)
        + (revision == 0 ? "" : " revision=" + revision)
        + (trace == null ? "" : " " + trace);
  }

  /** Binary form of a {@link LinkedCall}. */
  public static final class LinkedCallCoder extends AtomicCoder<LinkedCall> {
    private static final LinkedCallCoder INSTANCE = new LinkedCallCoder();

    /** Lets @DefaultCoder find this coder for {@link LinkedCall}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(LinkedCall.class), of());
    }

    public static LinkedCallCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(LinkedCall linked, OutputStream out) throws IOException {
      CallRecordCoder.of().encode(linked.call, out);
      IdListCoder.encode(linked.parents, out);
      IdListCoder.encode(linked.children, out);
      ParentScores.encode(linked.parentScores, out);
      VarIntCoder.of().encode(linked.revision, out);
      TraceMark.encode(linked.trace, out);
    }

    @Override
    public LinkedCall decode(InputStream in) throws IOException {
      return new LinkedCall(
          CallRecordCoder.of().decode(in),
          IdListCoder.decode(in),
          IdListCoder.decode(in),
          ParentScores.decode(in),
          VarIntCoder.of().decode(in),
          TraceMark.decode(in));
    }

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}

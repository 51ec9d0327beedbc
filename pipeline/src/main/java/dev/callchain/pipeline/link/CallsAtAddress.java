package dev.callchain.pipeline.link;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.PartialLinks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything held under one address (the linker's per-key state): the calls that went to it
 * (candidate parents of calls leaving it) and the calls that left it (candidate children), each
 * indexed by start time, plus the bookkeeping of the key's two timers.
 *
 * <p>Public so that the hand-written Flink job of the benchmarks (native-flink/) links with the
 * very same index. The linking rule (SPEC §2) for a parent P and child C at address A = P.dst_ip = C.src_ip:
 * P.start <= C.start and P.end >= C.end and P.id != C.id.
 */
public final class CallsAtAddress {
  static final long UNSET = Long.MIN_VALUE;
  /** Emission granularity: a call is emitted at the first multiple of this after its end. */
  public static final long EMIT_GRANULE_MS = 100;

  /** What {@link #evictEndedBefore} returns when nothing is left. */
  public static final long NOTHING_HELD = CallIndex.NOTHING_HELD;

  final CallIndex asParent;
  final CallIndex asChild;
  /** What this address has learned of its callers' rhythm, when parents are scored. */
  final @Nullable ParentModel parentModel;
  /** The children given to each held parent so far, when parents are scored. */
  final @Nullable ParentAssignments assignments;
  /** The calls emitted within the revision horizon, when late links revise (else null). */
  final @Nullable EmittedCalls emitted;
  /** The event time this key has evicted through: the watermark is known to be past it. */
  long evictedBefore = UNSET;
  /** When the eviction timer is set to fire, or {@link CallIndex#NOTHING_HELD}. */
  long evictionTimer = CallIndex.NOTHING_HELD;
  /** Processing time of the last arrival, and when the idle-flush timer is set to fire. */
  long lastArrivalMs = UNSET;
  long idleTimer = UNSET;
  /** The linker instance whose held_call_roles counter counts these calls (see LinkAtAddressFn). */
  long countedBy;

  public CallsAtAddress() {
    this(false, DROP_LATE_LINKS);
  }

  /** What {@code reviseHorizonMs} is when late links are dropped rather than revised. */
  public static final long DROP_LATE_LINKS = -1;

  /**
   * With {@code scoreParents}, each call is emitted with its parents' scores (--bestParent); with
   * a {@code reviseHorizonMs} of 0 or more, emitted calls are kept that long past their end and
   * re-emitted when a late call links to them (--lateLinks=revise).
   */
  public CallsAtAddress(boolean scoreParents, long reviseHorizonMs) {
    this(
        new CallIndex(),
        new CallIndex(),
        scoreParents ? new ParentModel() : null,
        scoreParents ? new ParentAssignments() : null,
        reviseHorizonMs == DROP_LATE_LINKS ? null : new EmittedCalls(reviseHorizonMs));
  }

  CallsAtAddress(
      CallIndex asParent,
      CallIndex asChild,
      @Nullable ParentModel parentModel,
      @Nullable ParentAssignments assignments,
      @Nullable EmittedCalls emitted) {
    this.asParent = asParent;
    this.asChild = asChild;
    this.parentModel = parentModel;
    this.assignments = assignments;
    this.emitted = emitted;
  }

  /** The outcome of admitting one call in one role. */
  public enum Admission {
    NEW,
    LATE,
    REDELIVERED
  }

  /**
   * Admits a call that went to this address and links it to every held call that left this
   * address inside its interval.
   */
  public Admission admitAsParent(String id, long start, long end, Consumer<HeldCall> onLink) {
    return admitAsParent(id, start, end, start * 1000, onLink, revision -> {});
  }

  /**
   * As above, with the start in µs (its first child's gap to it is scored); a link to an emitted
   * call (revise mode) hands that call's new half to revisions.
   */
  public Admission admitAsParent(
      String id, long start, long end, long startUs, Consumer<HeldCall> onLink, Consumer<PartialLinks> revisions) {
    if (asParent.find(id, start) != null || (emitted != null && emitted.wasEmitted(false, id, start))) {
      return Admission.REDELIVERED;
    }
    HeldCall parent = new HeldCall(id, start, end, null);
    if (assignments != null) {
      assignments.open(id, startUs);
    }
    linkChildrenInside(asChild, parent, onLink);
    asParent.add(parent);
    if (emitted != null && isLate(start)) {
      // After the add: a revised child is rescored with this parent among its candidates.
      emitted.linkLateParent(parent, onLink, child -> revisions.accept(revisionOf(child)));
    }
    return isLate(start) ? Admission.LATE : Admission.NEW;
  }

  /**
   * Admits a call that left this address and links it to every held call that went to this
   * address and contains its interval.
   */
  public Admission admitAsChild(CallRecord call, Consumer<HeldCall> onLink) {
    return admitAsChild(call, onLink, revision -> {});
  }

  /** As above; a link to an emitted call (revise mode) hands that call's new half to revisions. */
  public Admission admitAsChild(
      CallRecord call, Consumer<HeldCall> onLink, Consumer<PartialLinks> revisions) {
    if (asChild.find(call.id(), call.startAtMs()) != null
        || (emitted != null && emitted.wasEmitted(true, call.id(), call.startAtMs()))) {
      return Admission.REDELIVERED;
    }
    HeldCall child = new HeldCall(call.id(), call.startAtMs(), call.endAtMs(), call);
    if (emitted != null && isLate(call.startAtMs())) {
      emitted.linkLateChild(child, onLink, revisions);
    }
    linkParentsContaining(asParent, child, onLink);
    asChild.add(child);
    return isLate(call.startAtMs()) ? Admission.LATE : Admission.NEW;
  }

  /**
   * When to emit a call that ends at {@code end}: the first multiple of the granule after it, so
   * that a busy address fires a few times per second of event time rather than once per call.
   */
  public static long emitTime(long end) {
    return Math.floorDiv(end, EMIT_GRANULE_MS) * EMIT_GRANULE_MS + EMIT_GRANULE_MS;
  }

  /**
   * The event time by which both halves of a call that ends at {@code end} are out of the
   * linker: each address emits it from a timer at or before {@link #emitTime}, and a runner fires
   * a timer before it passes the watermark downstream. Once the watermark is past this, a half
   * still waiting for its partner will never get it, however far apart in processing time the
   * two addresses emit.
   */
  public static long bothHalvesOutBy(long end) {
    return emitTime(end) + EMIT_GRANULE_MS;
  }

  /** As above, when calls are held longer for a skew tolerance (the parent role the longest). */
  public static long bothHalvesOutBy(long end, long skewToleranceMs) {
    return bothHalvesOutBy(end + holdMs(false, skewToleranceMs));
  }

  /** Links a parent to every call in {@code children} inside its interval (SPEC §2). */
  static void linkChildrenInside(CallIndex children, HeldCall parent, Consumer<HeldCall> onLink) {
    children.forEachInside(
        parent.start,
        parent.end,
        child -> {
          if (!child.id.equals(parent.id)) {
            child.link(parent.id);
            parent.link(child.id);
            onLink.accept(child);
          }
        });
  }

  /** Links a child to every call in {@code parents} containing its interval (SPEC §2). */
  static void linkParentsContaining(CallIndex parents, HeldCall child, Consumer<HeldCall> onLink) {
    parents.forEachContaining(
        child.start,
        child.end,
        parent -> {
          if (!parent.id.equals(child.id)) {
            parent.link(child.id);
            child.link(parent.id);
            onLink.accept(parent);
          }
        });
  }

  private boolean isLate(long start) {
    return evictedBefore != UNSET && start < evictedBefore;
  }

  /**
   * Emits and forgets every call that ended before {@code time} (the watermark has passed it).
   *
   * @return a lower bound of the earliest end still held, or {@link #NOTHING_HELD}
   */
  public long evictEndedBefore(long time, Consumer<PartialLinks> emit) {
    return evictEndedBefore(time, 0, emit);
  }

  /**
   * As above, with best parents that may miss containment by up to {@code skewToleranceMs}: a
   * child is held that much longer, so that a caller starting up to that much after it has come
   * (it has, once the watermark passes its start), and a parent twice that, so that a child
   * ending up to that much after it is scored while it is still held.
   *
   * @return a lower bound of the earliest time a held call is due, or {@link #NOTHING_HELD}
   */
  public long evictEndedBefore(long time, long skewToleranceMs, Consumer<PartialLinks> emit) {
    evictedBefore = Math.max(evictedBefore, time);
    // Children first: a child's parents end no earlier, so they are all still held to score it.
    long children =
        evictChildren(
            evicted -> asChild.evictEndedBefore(time - skewToleranceMs, evicted), skewToleranceMs, emit);
    long parents =
        asParent.evictEndedBefore(time - 2 * skewToleranceMs, call -> emit.accept(childrenOf(call)));
    long forget = emitted == null ? NOTHING_HELD : emitted.forgetEndedBefore(time);
    return Math.min(forget, Math.min(dueAfter(parents, 2 * skewToleranceMs), dueAfter(children, skewToleranceMs)));
  }

  /** When a call ending at {@code end} is due, held {@code holdMs} past its end. */
  private static long dueAfter(long end, long holdMs) {
    return end == NOTHING_HELD ? NOTHING_HELD : end + holdMs;
  }

  /** How long past its end a call is held in each role, for best parents that may miss by the tolerance. */
  static long holdMs(boolean asChild, long skewToleranceMs) {
    return asChild ? skewToleranceMs : 2 * skewToleranceMs;
  }

  /** Emits every held call with the links found so far, and forgets them (idle flush). */
  public void evictAll(Consumer<PartialLinks> emit) {
    evictAll(0, emit);
  }

  /** As above, scoring near misses within {@code skewToleranceMs} too. */
  public void evictAll(long skewToleranceMs, Consumer<PartialLinks> emit) {
    evictChildren(
        evicted -> {
          asChild.evictAll(evicted);
          return NOTHING_HELD;
        },
        skewToleranceMs,
        emit);
    asParent.evictAll(call -> emit.accept(childrenOf(call)));
  }

  /** Runs an eviction of children, emitting each with its parents (and their scores). */
  private long evictChildren(
      ToLongFunction<Consumer<HeldCall>> eviction, long skewToleranceMs, Consumer<PartialLinks> emit) {
    if (parentModel == null) {
      return eviction.applyAsLong(call -> emit.accept(childAndRetire(call)));
    }
    List<HeldCall> children = new ArrayList<>();
    long earliestEnd = eviction.applyAsLong(children::add);
    ParentScorer.score(children, parentIndexes(), parentModel, assignments, true, skewToleranceMs, emit);
    children.forEach(this::retireChild);
    return earliestEnd;
  }

  private PartialLinks childAndRetire(HeldCall child) {
    retireChild(child);
    return parentsOf(child);
  }

  private void retireChild(HeldCall child) {
    if (emitted != null) {
      emitted.asChild.add(child);
    }
  }

  /** An emitted child's parents again, with a late parent (and rescored), as a revision. */
  private PartialLinks revisionOf(HeldCall child) {
    if (parentModel == null) {
      return parentsOf(child).asRevision();
    }
    PartialLinks[] scored = new PartialLinks[1];
    // Revisions come only without a skew tolerance (the options refuse the two together). The
    // child was given to a caller when first scored, so it is rescored without assignments.
    ParentScorer.score(List.of(child), parentIndexes(), parentModel, null, false, 0, half -> scored[0] = half);
    return scored[0].asRevision();
  }

  /** Where a child's parents may be: held, or (revise mode) already emitted. */
  private List<CallIndex> parentIndexes() {
    return emitted == null ? List.of(asParent) : List.of(asParent, emitted.asParent);
  }

  /** Nothing held, and nothing emitted kept for revisions. */
  public boolean isEmpty() {
    return asParent.isEmpty() && asChild.isEmpty() && (emitted == null || emitted.isEmpty());
  }

  public int size() {
    return asParent.size() + asChild.size();
  }

  private PartialLinks childrenOf(HeldCall parent) {
    ParentAssignments.Given given = assignments == null ? null : assignments.forget(parent.id);
    if (given != null && given.callsTo != null) {
      parentModel.callsPerParent.learn(given.callsTo);
    }
    if (emitted != null) {
      emitted.asParent.add(parent);
    }
    return PartialLinks.childrenOf(parent.id, parent.start, parent.end, parent.sortedLinks());
  }

  static PartialLinks parentsOf(HeldCall child) {
    return PartialLinks.parentsOf(child.record, child.sortedLinks());
  }
}

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
  /** What {@link #evictEndedBefore} returns when nothing is left. */
  public static final long NOTHING_HELD = CallIndex.NOTHING_HELD;

  final CallIndex asParent;
  final CallIndex asChild;
  /** What this address has learned of its callers' rhythm, when parents are scored. */
  final @Nullable ParentModel parentModel;
  /** The event time this key has evicted through: the watermark is known to be past it. */
  long evictedBefore = UNSET;
  /** When the eviction timer is set to fire, or {@link CallIndex#NOTHING_HELD}. */
  long evictionTimer = CallIndex.NOTHING_HELD;
  /** How far ahead of the last eviction the catch-up timer is set; 0 when it is not set. */
  long catchUpStep;
  /** Processing time of the last arrival, and when the idle-flush timer is set to fire. */
  long lastArrivalMs = UNSET;
  long idleTimer = UNSET;

  public CallsAtAddress() {
    this(false);
  }

  /** With {@code scoreParents}, each call is emitted with its parents' scores (--bestParent). */
  public CallsAtAddress(boolean scoreParents) {
    this(new CallIndex(), new CallIndex(), scoreParents ? new ParentModel() : null);
  }

  CallsAtAddress(CallIndex asParent, CallIndex asChild, @Nullable ParentModel parentModel) {
    this.asParent = asParent;
    this.asChild = asChild;
    this.parentModel = parentModel;
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
    if (asParent.find(id, start) != null) {
      return Admission.REDELIVERED;
    }
    HeldCall parent = new HeldCall(id, start, end, null);
    asChild.forEachInside(
        start,
        end,
        child -> {
          if (!child.id.equals(id)) {
            child.link(id);
            parent.link(child.id);
            onLink.accept(child);
          }
        });
    asParent.add(parent);
    return isLate(start) ? Admission.LATE : Admission.NEW;
  }

  /**
   * Admits a call that left this address and links it to every held call that went to this
   * address and contains its interval.
   */
  public Admission admitAsChild(CallRecord call, Consumer<HeldCall> onLink) {
    if (asChild.find(call.id(), call.startAtMs()) != null) {
      return Admission.REDELIVERED;
    }
    HeldCall child = new HeldCall(call.id(), call.startAtMs(), call.endAtMs(), call);
    asParent.forEachContaining(
        call.startAtMs(),
        call.endAtMs(),
        parent -> {
          if (!parent.id.equals(call.id())) {
            parent.link(call.id());
            child.link(parent.id);
            onLink.accept(parent);
          }
        });
    asChild.add(child);
    return isLate(call.startAtMs()) ? Admission.LATE : Admission.NEW;
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
    evictedBefore = Math.max(evictedBefore, time);
    // Children first: a child's parents end no earlier, so they are all still held to score it.
    long children = evictChildren(evicted -> asChild.evictEndedBefore(time, evicted), emit);
    long parents = asParent.evictEndedBefore(time, call -> emit.accept(childrenOf(call)));
    return Math.min(parents, children);
  }

  /** Emits every held call with the links found so far, and forgets them (idle flush). */
  public void evictAll(Consumer<PartialLinks> emit) {
    evictChildren(
        evicted -> {
          asChild.evictAll(evicted);
          return NOTHING_HELD;
        },
        emit);
    asParent.evictAll(call -> emit.accept(childrenOf(call)));
  }

  /** Runs an eviction of children, emitting each with its parents (and their scores). */
  private long evictChildren(ToLongFunction<Consumer<HeldCall>> eviction, Consumer<PartialLinks> emit) {
    if (parentModel == null) {
      return eviction.applyAsLong(call -> emit.accept(parentsOf(call)));
    }
    List<HeldCall> children = new ArrayList<>();
    long earliestEnd = eviction.applyAsLong(children::add);
    ParentScorer.score(children, asParent, parentModel, emit);
    return earliestEnd;
  }

  public boolean isEmpty() {
    return asParent.isEmpty() && asChild.isEmpty();
  }

  public int size() {
    return asParent.size() + asChild.size();
  }

  private static PartialLinks childrenOf(HeldCall parent) {
    return PartialLinks.childrenOf(parent.id, parent.sortedLinks());
  }

  static PartialLinks parentsOf(HeldCall child) {
    return PartialLinks.parentsOf(child.record, child.sortedLinks());
  }
}

package dev.callchain.pipeline.link;

import dev.callchain.pipeline.model.PartialLinks;
import java.util.function.Consumer;

/**
 * The calls an address has already emitted, kept for a horizon of event time past their end so
 * that a late call can still reach them (--lateLinks=revise): each late link re-emits the half it
 * changes, flagged as a revision, and the assembler re-emits the whole call with the next revision
 * number. Also recognises the redelivery of an emitted call, which would otherwise be emitted twice.
 */
final class EmittedCalls {
  final long horizonMs;
  final CallIndex asParent;
  final CallIndex asChild;

  EmittedCalls(long horizonMs) {
    this(horizonMs, new CallIndex(), new CallIndex());
  }

  EmittedCalls(long horizonMs, CallIndex asParent, CallIndex asChild) {
    this.horizonMs = horizonMs;
    this.asParent = asParent;
    this.asChild = asChild;
  }

  boolean wasEmitted(boolean asChildRole, String id, long start) {
    return (asChildRole ? asChild : asParent).find(id, start) != null;
  }

  /** Links a late parent to the emitted children inside it; hands each child to revised. */
  void linkLateParent(HeldCall parent, Consumer<HeldCall> onLink, Consumer<HeldCall> revised) {
    CallsAtAddress.linkChildrenInside(asChild, parent, onLink.andThen(revised));
  }

  /** Links a late child to the emitted parents containing it; re-emits each parent's children. */
  void linkLateChild(HeldCall child, Consumer<HeldCall> onLink, Consumer<PartialLinks> revisions) {
    CallsAtAddress.linkParentsContaining(
        asParent,
        child,
        onLink.andThen(
            parent ->
                revisions.accept(PartialLinks.childrenOf(parent.id, parent.start, parent.end, parent.sortedLinks()).asRevision())));
  }

  /**
   * Forgets the calls whose horizon the watermark passed.
   *
   * @return when the next one is due to be forgotten, or {@link CallIndex#NOTHING_HELD}
   */
  long forgetEndedBefore(long time) {
    long before = time - horizonMs;
    long earliest = Math.min(asParent.evictEndedBefore(before, call -> {}), asChild.evictEndedBefore(before, call -> {}));
    return earliest == CallIndex.NOTHING_HELD ? earliest : earliest + horizonMs;
  }

  boolean isEmpty() {
    return asParent.isEmpty() && asChild.isEmpty();
  }
}

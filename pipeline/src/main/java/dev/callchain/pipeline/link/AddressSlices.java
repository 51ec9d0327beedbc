package dev.callchain.pipeline.link;

import java.io.Serializable;

/**
 * Cuts the event time under each address into slices of {@code sliceMs}, each its own key, so
 * that a hot address (a gateway, a load balancer) is linked by many workers rather than one, and
 * no key's state grows with the address's whole traffic.
 *
 * <p>A call is a candidate child only in the slice of its start, and a candidate parent in every
 * slice its interval overlaps: a parent contains its child's start, so each parent-child pair
 * meets in exactly one slice, the child's. A parent's children half then comes in one piece per
 * slice it overlaps. A slice of 0 (the default) keeps each address one key.
 */
final class AddressSlices implements Serializable {
  static final AddressSlices WHOLE_ADDRESS = new AddressSlices(0);

  private final long sliceMs;

  AddressSlices(long sliceMs) {
    if (sliceMs < 0) {
      throw new IllegalArgumentException("--addressSliceMs must be 0 (off) or positive, not " + sliceMs);
    }
    this.sliceMs = sliceMs;
  }

  boolean sliced() {
    return sliceMs > 0;
  }

  long sliceOf(long time) {
    return sliced() ? Math.floorDiv(time, sliceMs) : 0;
  }

  /**
   * The event time from which no call can arrive on time in {@code slice}: any call there starts
   * before it. Unsliced, never ({@link CallIndex#NOTHING_HELD}, the end of time).
   */
  long closesAt(long slice) {
    return sliced() ? (slice + 1) * sliceMs : CallIndex.NOTHING_HELD;
  }

  /** How many slices [start, end] overlaps: the pieces of its children half. */
  int pieces(long start, long end) {
    return Math.toIntExact(sliceOf(end) - sliceOf(start) + 1);
  }

  /** Which of its pieces a call starting at {@code start} has in {@code slice}. */
  int pieceOf(long start, long slice) {
    return Math.toIntExact(slice - sliceOf(start));
  }
}

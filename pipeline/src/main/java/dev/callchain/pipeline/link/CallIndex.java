package dev.callchain.pipeline.link;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The calls held under one address in one role, sorted by start time. Lookups touch only calls
 * whose start lies in the window that can match: a containing call starts no earlier than the
 * contained call's end minus the longest held duration, and a contained call starts inside the
 * container. Arrivals are nearly in start order, so inserts land near the end of the array.
 */
final class CallIndex {
  static final long NOTHING_HELD = Long.MAX_VALUE;

  private HeldCall[] calls = new HeldCall[8];
  private int size;
  /** An upper bound of the held durations; exact enough to bound the lookup window. */
  private long maxDuration;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void add(HeldCall call) {
    if (size == calls.length) {
      calls = Arrays.copyOf(calls, size * 2);
    }
    int at = firstStartAfter(call.start);
    System.arraycopy(calls, at, calls, at + 1, size - at);
    calls[at] = call;
    size++;
    maxDuration = Math.max(maxDuration, call.end - call.start);
  }

  /** The held call with this id and start, if any: how a redelivery is recognised. */
  HeldCall find(String id, long start) {
    for (int i = firstStartAtOrAfter(start); i < size && calls[i].start == start; i++) {
      if (calls[i].id.equals(id)) {
        return calls[i];
      }
    }
    return null;
  }

  /** Every held call that contains [start, end]: starts at or before start, ends at or after end. */
  void forEachContaining(long start, long end, Consumer<HeldCall> action) {
    for (int i = firstStartAtOrAfter(end - maxDuration); i < size && calls[i].start <= start; i++) {
      if (calls[i].end >= end) {
        action.accept(calls[i]);
      }
    }
  }

  /** Every held call inside [start, end]: starts at or after start, ends at or before end. */
  void forEachInside(long start, long end, Consumer<HeldCall> action) {
    for (int i = firstStartAtOrAfter(start); i < size && calls[i].start <= end; i++) {
      if (calls[i].end <= end) {
        action.accept(calls[i]);
      }
    }
  }

  /**
   * Removes every call that ended before {@code time}, handing each to {@code evicted}. Only calls
   * that started before {@code time} can have ended before it, so only that prefix is scanned.
   *
   * @return a lower bound of the earliest end still held, or {@link #NOTHING_HELD}
   */
  long evictEndedBefore(long time, Consumer<HeldCall> evicted) {
    int kept = 0;
    int scanned = 0;
    long earliestEnd = NOTHING_HELD;
    for (; scanned < size && calls[scanned].start < time; scanned++) {
      HeldCall call = calls[scanned];
      if (call.end < time) {
        evicted.accept(call);
      } else {
        calls[kept++] = call;
        earliestEnd = Math.min(earliestEnd, call.end);
      }
    }
    if (scanned < size) {
      // Calls after the prefix start at or after time, so none ends before its own start.
      earliestEnd = Math.min(earliestEnd, calls[scanned].start);
    }
    int remaining = size - scanned;
    System.arraycopy(calls, scanned, calls, kept, remaining);
    Arrays.fill(calls, kept + remaining, size, null);
    size = kept + remaining;
    if (size == 0) {
      maxDuration = 0;
    }
    return earliestEnd;
  }

  /** Removes every held call, handing each to {@code evicted}. */
  void evictAll(Consumer<HeldCall> evicted) {
    for (int i = 0; i < size; i++) {
      evicted.accept(calls[i]);
    }
    Arrays.fill(calls, 0, size, null);
    size = 0;
    maxDuration = 0;
  }

  /** The i-th held call in start order, for serialising. */
  HeldCall get(int i) {
    return calls[i];
  }

  private int firstStartAtOrAfter(long start) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (calls[mid].start < start) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private int firstStartAfter(long start) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (calls[mid].start <= start) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}

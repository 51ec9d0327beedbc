package dev.callchain.pipeline.link;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The calls held under one address in one role, sorted by start time. Lookups touch only calls
 * whose start lies in the window that can match: a containing call starts no earlier than the
 * contained call's end minus the longest held duration, and a contained call starts inside the
 * container. Arrivals are nearly in start order, so inserts land near the end of the array.
 *
 * <p>The calls occupy {@code calls[head, head + size)}: eviction takes calls off the front by
 * moving {@code head}, so its cost is the calls it looks at, not every call still held (a key
 * holding thousands of calls is evicted every 100 ms of event time). The array is compacted only
 * when an insert finds no room at the end.
 */
final class CallIndex {
  static final long NOTHING_HELD = Long.MAX_VALUE;

  private HeldCall[] calls = new HeldCall[8];
  /**
   * {@code starts[i] == calls[i].start} and {@code ends[i] == calls[i].end}: searches and scans
   * read these arrays, and touch a call only when it matches, so an address holding tens of
   * thousands of calls does not miss the cache at every step (over a tenth of a streaming run's
   * time went to those misses).
   */
  private long[] starts = new long[8];
  private long[] ends = new long[8];
  private int head;
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
    if (head + size == calls.length) {
      makeRoom();
    }
    int at = head + firstStartAfter(call.start);
    System.arraycopy(calls, at, calls, at + 1, head + size - at);
    System.arraycopy(starts, at, starts, at + 1, head + size - at);
    System.arraycopy(ends, at, ends, at + 1, head + size - at);
    calls[at] = call;
    starts[at] = call.start;
    ends[at] = call.end;
    size++;
    maxDuration = Math.max(maxDuration, call.end - call.start);
  }

  /** Moves the calls to the front if that frees at least half the array, else doubles it. */
  private void makeRoom() {
    if (head >= calls.length / 2) {
      System.arraycopy(calls, head, calls, 0, size);
      System.arraycopy(starts, head, starts, 0, size);
      System.arraycopy(ends, head, ends, 0, size);
      Arrays.fill(calls, size, head + size, null);
    } else {
      HeldCall[] larger = new HeldCall[calls.length * 2];
      System.arraycopy(calls, head, larger, 0, size);
      calls = larger;
      long[] largerStarts = new long[starts.length * 2];
      System.arraycopy(starts, head, largerStarts, 0, size);
      starts = largerStarts;
      long[] largerEnds = new long[ends.length * 2];
      System.arraycopy(ends, head, largerEnds, 0, size);
      ends = largerEnds;
    }
    head = 0;
  }

  /** The held call with this id and start, if any: how a redelivery is recognised. */
  HeldCall find(String id, long start) {
    int end = head + size;
    for (int i = head + firstStartAtOrAfter(start); i < end && starts[i] == start; i++) {
      if (calls[i].id.equals(id)) {
        return calls[i];
      }
    }
    return null;
  }

  /** Every held call that contains [start, end]: starts at or before start, ends at or after end. */
  void forEachContaining(long start, long end, Consumer<HeldCall> action) {
    int last = head + size;
    int first = head + firstStartAtOrAfter(end - maxDuration);
    for (int i = first; i < last && starts[i] <= start; i++) {
      if (ends[i] >= end) {
        action.accept(calls[i]);
      }
    }
  }

  /** Every held call inside [start, end]: starts at or after start, ends at or before end. */
  void forEachInside(long start, long end, Consumer<HeldCall> action) {
    int last = head + size;
    for (int i = head + firstStartAtOrAfter(start); i < last && starts[i] <= end; i++) {
      if (ends[i] <= end) {
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
    int last = head + size;
    int prefixEnd = head;
    long earliestEnd = NOTHING_HELD;
    for (; prefixEnd < last && starts[prefixEnd] < time; prefixEnd++) {
      if (ends[prefixEnd] < time) {
        evicted.accept(calls[prefixEnd]);
      } else {
        earliestEnd = Math.min(earliestEnd, ends[prefixEnd]);
      }
    }
    if (prefixEnd < last) {
      // Calls after the prefix start at or after time, so none ends before its own start.
      earliestEnd = Math.min(earliestEnd, starts[prefixEnd]);
    }
    // The calls of the prefix still running close up against the rest, in start order.
    int to = prefixEnd;
    for (int from = prefixEnd - 1; from >= head; from--) {
      if (ends[from] >= time) {
        calls[--to] = calls[from];
        starts[to] = starts[from];
        ends[to] = ends[from];
      }
    }
    Arrays.fill(calls, head, to, null);
    size -= to - head;
    head = size == 0 ? 0 : to;
    if (size == 0) {
      maxDuration = 0;
    }
    return earliestEnd;
  }

  /** Removes every held call, handing each to {@code evicted}. */
  void evictAll(Consumer<HeldCall> evicted) {
    for (int i = head; i < head + size; i++) {
      evicted.accept(calls[i]);
    }
    Arrays.fill(calls, head, head + size, null);
    head = 0;
    size = 0;
    maxDuration = 0;
  }

  /** The i-th held call in start order, for serialising. */
  HeldCall get(int i) {
    return calls[head + i];
  }

  /** Relative to head, as are the other positions this class hands out. */
  private int firstStartAtOrAfter(long start) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (starts[head + mid] < start) {
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
      if (starts[head + mid] <= start) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}

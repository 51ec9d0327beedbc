package dev.callchain.pipeline.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenessTrackerTest {
  @Test
  void p99IsWithinABucketOfTheTrueOneAndTheSuggestedBoundHoldsTheLatest() {
    LatenessTracker tracker = new LatenessTracker(1000);
    for (int i = 1; i <= 1000; i++) {
      tracker.late(i * 10L, i); // 10 ms .. 10 s late
    }
    long p99 = tracker.p99();
    // The true p99 is 9900 ms; buckets are quarter-powers of two (19% wide).
    assertTrue(p99 >= 9900 && p99 <= 10_000, "p99 " + p99);
    assertEquals(11_000, tracker.suggestedBound());
  }

  @Test
  void oneLateCallIsItsOwnPercentile() {
    LatenessTracker tracker = new LatenessTracker(30_000);
    tracker.late(1234, 0);
    assertEquals(1234, tracker.p99());
    assertEquals(32_000, tracker.suggestedBound());
  }

  @Test
  void bucketsGrowWithLateness() {
    int previous = -1;
    for (long ms = 0; ms < 1L << 40; ms = ms * 3 + 1) {
      int bucket = LatenessTracker.bucket(ms);
      assertTrue(bucket >= previous);
      assertTrue(Math.pow(2, bucket / 4.0) >= ms, "bucket edge below " + ms);
      previous = bucket;
    }
  }
}

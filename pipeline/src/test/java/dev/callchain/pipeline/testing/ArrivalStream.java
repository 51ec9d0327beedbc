package dev.callchain.pipeline.testing;

import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.CallRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Builds a TestStream the way the Kafka reader would feed the pipeline: each log stamped with its
 * start time, and after each arrival the watermark at the largest start seen minus the bound.
 */
public final class ArrivalStream {
  private final long boundMs;
  private TestStream.Builder<CallLog> builder = TestStream.create(CallLog.CallLogCoder.of());
  private long maxStart = Long.MIN_VALUE;

  public ArrivalStream(long boundMs) {
    this.boundMs = boundMs;
  }

  /** Calls arrive in this order. */
  public ArrivalStream arrive(CallRecord... calls) {
    for (CallRecord call : calls) {
      builder = builder.addElements(TestCalls.arriving(call));
      maxStart = Math.max(maxStart, call.startAtMs());
      builder = builder.advanceWatermarkTo(new Instant(maxStart - boundMs));
    }
    return this;
  }

  /** A raw line arrives (e.g. a malformed one), stamped at the current watermark. */
  public ArrivalStream arriveRaw(String json) {
    long at = maxStart == Long.MIN_VALUE ? 0 : maxStart - boundMs;
    builder = builder.addElements(TimestampedValue.of(TestCalls.log(json), new Instant(at)));
    return this;
  }

  /** The watermark jumps ahead, as if records far later had arrived. */
  public ArrivalStream watermarkTo(long ms) {
    maxStart = Math.max(maxStart, ms + boundMs);
    builder = builder.advanceWatermarkTo(new Instant(ms));
    return this;
  }

  public ArrivalStream processingTimePasses(long ms) {
    builder = builder.advanceProcessingTime(Duration.millis(ms));
    return this;
  }

  /** The input ends: the watermark goes to +infinity. */
  public TestStream<CallLog> end() {
    return builder.advanceWatermarkToInfinity();
  }

  /** The calls in a random order in which no call is later than the bound. */
  public static List<CallRecord> shuffledWithinBound(List<CallRecord> calls, long boundMs, Random random) {
    List<long[]> arrivals = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      long delay = (long) (random.nextDouble() * boundMs);
      arrivals.add(new long[] {calls.get(i).startAtMs() + delay, i});
    }
    arrivals.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
    List<CallRecord> ordered = new ArrayList<>();
    for (long[] arrival : arrivals) {
      ordered.add(calls.get((int) arrival[1]));
    }
    return ordered;
  }
}

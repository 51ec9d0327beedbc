package dev.callchain.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * Per record of a realtime run: its latency (output append time minus input append time, both
 * stamped by the broker) over its semantic floor, the earliest it could be emitted at all: once
 * the watermark passes its end, i.e. at {@code end_at_ms + bound} in event time, which in a
 * realtime run is wall time.
 */
public final class LatencySample {
  /** One input record: its end in event time and when the broker appended it. */
  public record Input(long endAtMs, long appendedMs) {}

  private final long[] overFloor;
  private final int missing;

  private LatencySample(long[] overFloor, int missing) {
    this.overFloor = overFloor;
    this.missing = missing;
  }

  public static long floorMs(long endAtMs, long boundMs, long inputAppendedMs) {
    return Math.max(0, endAtMs + boundMs - inputAppendedMs);
  }

  /**
   * Pairs inputs with outputs by id; an input with no output counts as missing.
   *
   * @param inputs the records to measure, by id
   * @param outputsAppendedMs when the broker appended each id's output record
   */
  public static LatencySample of(Map<String, Input> inputs, Map<String, Long> outputsAppendedMs, long boundMs) {
    long[] overFloor = new long[inputs.size()];
    int measured = 0;
    for (Map.Entry<String, Input> e : inputs.entrySet()) {
      Long output = outputsAppendedMs.get(e.getKey());
      if (output != null) {
        Input input = e.getValue();
        long latency = output - input.appendedMs();
        overFloor[measured++] = latency - floorMs(input.endAtMs(), boundMs, input.appendedMs());
      }
    }
    return new LatencySample(Arrays.copyOf(overFloor, measured), inputs.size() - measured);
  }

  /** Records with an output. */
  public int measured() {
    return overFloor.length;
  }

  /** Records to measure that had no output. */
  public int missing() {
    return missing;
  }

  /**
   * A percentile of latency over the floor over every record to measure, those with no output
   * counted as the slowest: infinite when it falls on one of them (the pipeline fell behind by
   * more than the wait for outputs), NaN when there was no record to measure.
   */
  public double overFloorMs(double percentile) {
    if (measured() + missing == 0) {
      return Double.NaN;
    }
    long[] all = Arrays.copyOf(overFloor, measured() + missing);
    Arrays.fill(all, measured(), all.length, Long.MAX_VALUE);
    long at = Percentiles.of(all).at(percentile);
    return at == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : at;
  }
}

package dev.callchain.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per record of a realtime run: its latency (output append time minus input append time, both
 * stamped by the broker) and its semantic floor, the earliest it could be emitted at all: once the
 * watermark passes its end, i.e. at {@code end_at_ms + bound} in event time, which in a realtime
 * run is wall time.
 */
final class LatencySample {
  /** One input record: its end in event time and when the broker appended it. */
  record Input(long endAtMs, long appendedMs) {}

  private final List<Long> latencies = new ArrayList<>();
  private final List<Long> floors = new ArrayList<>();
  private long missing;

  static long floorMs(long endAtMs, long boundMs, long inputAppendedMs) {
    return Math.max(0, endAtMs + boundMs - inputAppendedMs);
  }

  /**
   * Pairs inputs with outputs by id; an input with no output counts as missing.
   *
   * @param inputs the records to measure, by id
   * @param outputsAppendedMs when the broker appended each id's output record
   */
  static LatencySample of(Map<String, Input> inputs, Map<String, Long> outputsAppendedMs, long boundMs) {
    LatencySample sample = new LatencySample();
    inputs.forEach(
        (id, input) -> {
          Long output = outputsAppendedMs.get(id);
          if (output == null) {
            sample.missing++;
          } else {
            sample.latencies.add(output - input.appendedMs());
            sample.floors.add(floorMs(input.endAtMs(), boundMs, input.appendedMs()));
          }
        });
    return sample;
  }

  int measured() {
    return latencies.size();
  }

  long missing() {
    return missing;
  }

  Percentiles latency() {
    return Percentiles.of(toArray(latencies));
  }

  Percentiles floor() {
    return Percentiles.of(toArray(floors));
  }

  /** Latency above the floor, per record: what the implementation adds to what the semantics force. */
  Percentiles excess() {
    long[] excess = new long[latencies.size()];
    for (int i = 0; i < excess.length; i++) {
      excess[i] = latencies.get(i) - floors.get(i);
    }
    return Percentiles.of(excess);
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}

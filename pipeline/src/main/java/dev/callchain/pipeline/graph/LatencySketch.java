package dev.callchain.pipeline.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Latencies of many calls in bounded space: a count per log-scaled bucket, so a quantile is known
 * within {@link #RELATIVE_ERROR} of the exact one whatever the number of calls; the count and the
 * maximum are exact. Bucket i holds the values in (γ^(i-1), γ^i], γ = (1 + ε) / (1 - ε), and
 * answers with 2γ^i / (γ + 1), which is within ε of every one of them (DDSketch's scheme).
 * Latencies under {@link #SMALLEST_MS} count as 0, those over {@link #LARGEST_MS} as that, so a
 * sketch never holds more than about 1,400 buckets. Mutable: the accumulator of a combiner.
 */
public final class LatencySketch {
  public static final double RELATIVE_ERROR = 0.01;
  /** One microsecond: the finest time a call log carries. */
  public static final double SMALLEST_MS = 0.001;
  /** About eleven days: no call lasts longer. */
  public static final double LARGEST_MS = 1e9;

  private static final double GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
  private static final double LOG_GAMMA = Math.log(GAMMA);
  private static final int LARGEST_INDEX = index(LARGEST_MS);

  private long count;
  private double max;
  /** Latencies under {@link #SMALLEST_MS}, negative ones included. */
  private long zeros;
  /** The index of {@code counts[0]}; the array spans the lowest to the highest bucket used. */
  private int offset;
  private long[] counts = new long[0];

  public static LatencySketch of(double... latenciesMs) {
    LatencySketch sketch = new LatencySketch();
    for (double latency : latenciesMs) {
      sketch.add(latency);
    }
    return sketch;
  }

  public void add(double latencyMs) {
    max = count == 0 ? latencyMs : Math.max(max, latencyMs);
    count++;
    if (latencyMs < SMALLEST_MS) {
      zeros++;
      return;
    }
    int index = Math.min(index(latencyMs), LARGEST_INDEX);
    cover(index, index);
    counts[index - offset]++;
  }

  /** Adds {@code other}'s latencies to these. */
  public void merge(LatencySketch other) {
    if (other.count == 0) {
      return;
    }
    max = count == 0 ? other.max : Math.max(max, other.max);
    count += other.count;
    zeros += other.zeros;
    if (other.counts.length > 0) {
      cover(other.offset, other.offset + other.counts.length - 1);
      for (int i = 0; i < other.counts.length; i++) {
        counts[other.offset + i - offset] += other.counts[i];
      }
    }
  }

  public long count() {
    return count;
  }

  /** The largest latency added, exactly; 0 when none was. */
  public double max() {
    return max;
  }

  /**
   * The {@code q}-quantile (0 < q <= 1) by nearest rank: the latency ranked ceil(q × count),
   * within {@link #RELATIVE_ERROR} of it (0 for one under {@link #SMALLEST_MS}); 0 when empty.
   */
  public double quantile(double q) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * count));
    long seen = zeros;
    if (rank <= seen) {
      return 0;
    }
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (rank <= seen) {
        // No bucket answers beyond the exact maximum: the top one is often the max itself.
        return Math.min(2 * Math.pow(GAMMA, offset + i) / (GAMMA + 1), max);
      }
    }
    return max;
  }

  private static int index(double latencyMs) {
    return (int) Math.ceil(Math.log(latencyMs) / LOG_GAMMA);
  }

  /** Grows the array to hold the buckets {@code low} to {@code high}. */
  private void cover(int low, int high) {
    if (counts.length == 0) {
      offset = low;
      counts = new long[high - low + 1];
      return;
    }
    int newOffset = Math.min(offset, low);
    int newEnd = Math.max(offset + counts.length - 1, high);
    if (newOffset == offset && newEnd == offset + counts.length - 1) {
      return;
    }
    long[] grown = new long[newEnd - newOffset + 1];
    System.arraycopy(counts, 0, grown, offset - newOffset, counts.length);
    counts = grown;
    offset = newOffset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencySketch other
        && other.count == count
        && Double.compare(other.max, max) == 0
        && other.zeros == zeros
        && other.offset == offset
        && Arrays.equals(other.counts, counts);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Arrays.hashCode(counts);
  }

  /** Binary form of a {@link LatencySketch}: its buckets, not its latencies. */
  public static final class SketchCoder extends CustomCoder<LatencySketch> {
    private static final SketchCoder INSTANCE = new SketchCoder();

    public static SketchCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(LatencySketch sketch, OutputStream out) throws IOException {
      VarLongCoder.of().encode(sketch.count, out);
      DoubleCoder.of().encode(sketch.max, out);
      VarLongCoder.of().encode(sketch.zeros, out);
      VarIntCoder.of().encode(sketch.offset, out);
      VarIntCoder.of().encode(sketch.counts.length, out);
      for (long bucket : sketch.counts) {
        VarLongCoder.of().encode(bucket, out);
      }
    }

    @Override
    public LatencySketch decode(InputStream in) throws IOException {
      LatencySketch sketch = new LatencySketch();
      sketch.count = VarLongCoder.of().decode(in);
      sketch.max = DoubleCoder.of().decode(in);
      sketch.zeros = VarLongCoder.of().decode(in);
      sketch.offset = VarIntCoder.of().decode(in);
      sketch.counts = new long[VarIntCoder.of().decode(in)];
      for (int i = 0; i < sketch.counts.length; i++) {
        sketch.counts[i] = VarLongCoder.of().decode(in);
      }
      return sketch;
    }
  }
}

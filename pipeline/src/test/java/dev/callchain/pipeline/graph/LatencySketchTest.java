package dev.callchain.pipeline.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sketch's percentiles against exact ones on random latencies, and its bounded size. */
class LatencySketchTest {
  private static final double[] QUANTILES = {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0};

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void quantilesAreWithinOnePercentOfTheExactOnes(int seed) {
    Random random = new Random(seed);
    // Log-normal around 20 ms, as service latencies go, with a few 0s and sub-microsecond ones.
    double[] latencies = new double[1 + random.nextInt(20_000)];
    for (int i = 0; i < latencies.length; i++) {
      latencies[i] = i % 500 == 7 ? 0 : 20 * Math.exp(1.5 * random.nextGaussian());
    }
    LatencySketch sketch = LatencySketch.of(latencies);
    double[] sorted = latencies.clone();
    Arrays.sort(sorted);
    for (double q : QUANTILES) {
      double exact = sorted[(int) Math.max(1, Math.ceil(q * sorted.length)) - 1];
      double sketched = sketch.quantile(q);
      double allowed = exact < LatencySketch.SMALLEST_MS ? LatencySketch.SMALLEST_MS : exact * LatencySketch.RELATIVE_ERROR;
      assertTrue(
          Math.abs(sketched - exact) <= allowed * (1 + 1e-9),
          "q " + q + ": sketch " + sketched + ", exact " + exact + ", " + latencies.length + " latencies");
    }
    assertEquals(latencies.length, sketch.count());
    assertEquals(sorted[sorted.length - 1], sketch.max());
  }

  @Test
  void mergedPartsAreTheSketchOfTheWhole() {
    Random random = new Random(9);
    double[] latencies = random.doubles(5_000, 0.5, 3_000).toArray();
    LatencySketch merged = new LatencySketch();
    merged.merge(LatencySketch.of(Arrays.copyOfRange(latencies, 0, 1_000)));
    merged.merge(new LatencySketch());
    merged.merge(LatencySketch.of(Arrays.copyOfRange(latencies, 1_000, 5_000)));
    assertEquals(LatencySketch.of(latencies), merged);
  }

  @Test
  void theCoderKeepsTheBuckets() throws Exception {
    LatencySketch sketch = LatencySketch.of(0, 0.0004, 3.2, 3.3, 250, 1e12);
    LatencySketch decoded =
        CoderUtils.decodeFromByteArray(
            LatencySketch.SketchCoder.of(), CoderUtils.encodeToByteArray(LatencySketch.SketchCoder.of(), sketch));
    assertEquals(sketch, decoded);
    assertEquals(1e12, decoded.max());
  }

  /** Latencies from a nanosecond to thousands of years take at most about 1,400 buckets. */
  @Test
  void theSizeIsBoundedWhateverTheLatencies() throws Exception {
    Random random = new Random(3);
    LatencySketch sketch = new LatencySketch();
    for (int i = 0; i < 1_000_000; i++) {
      sketch.add(Math.pow(10, -6 + 18 * random.nextDouble()));
    }
    int bytes = CoderUtils.encodeToByteArray(LatencySketch.SketchCoder.of(), sketch).length;
    assertTrue(bytes < 1_400 * 3 + 32, bytes + " bytes");
    assertEquals(LatencySketch.LARGEST_MS, sketch.quantile(0.9999), LatencySketch.LARGEST_MS * LatencySketch.RELATIVE_ERROR);
  }

  @Test
  void anEmptySketchSaysZero() {
    assertEquals(new LatencyStats(0, 0, 0, 0, 0), LatencyStats.of(new LatencySketch()));
  }
}

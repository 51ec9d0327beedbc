package dev.callchain.pipeline.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The combiner as a runner drives it: latencies added to many accumulators, merged in any order;
 * its percentiles against the exact ones of all the latencies.
 */
class LatencyCombinerTest {
  @Test
  void mergedAccumulatorsGiveThePercentilesOfAllTheLatencies() {
    LatencyCombiner combiner = new LatencyCombiner();
    for (int seed = 0; seed < 20; seed++) {
      Random random = new Random(seed);
      double[] latencies = new double[1 + random.nextInt(50_000)];
      List<LatencySketch> accumulators = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(8); i++) {
        accumulators.add(combiner.createAccumulator());
      }
      for (int i = 0; i < latencies.length; i++) {
        // Two modes, as a cache hit and a miss: 0.5 ms and 40 ms, with a long tail.
        latencies[i] = (random.nextInt(10) < 8 ? 0.5 : 40) * Math.exp(0.8 * random.nextGaussian());
        combiner.addInput(accumulators.get(random.nextInt(accumulators.size())), latencies[i]);
      }
      LatencyStats stats = combiner.extractOutput(combiner.mergeAccumulators(accumulators));

      double[] sorted = latencies.clone();
      Arrays.sort(sorted);
      assertEquals(latencies.length, stats.calls());
      assertEquals(sorted[sorted.length - 1], stats.maxMs());
      assertWithinError(exact(sorted, 0.50), stats.p50Ms(), seed);
      assertWithinError(exact(sorted, 0.95), stats.p95Ms(), seed);
      assertWithinError(exact(sorted, 0.99), stats.p99Ms(), seed);
    }
  }

  /** Nearest rank: the latency ranked ceil(q × n). */
  private static double exact(double[] sorted, double q) {
    return sorted[(int) Math.max(1, Math.ceil(q * sorted.length)) - 1];
  }

  private static void assertWithinError(double exact, double sketched, int seed) {
    assertTrue(
        Math.abs(sketched - exact) <= exact * LatencySketch.RELATIVE_ERROR * (1 + 1e-9),
        "seed " + seed + ": sketch " + sketched + ", exact " + exact);
  }
}

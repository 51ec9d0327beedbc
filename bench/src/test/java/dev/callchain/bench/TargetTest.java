package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void aFloorIsMetAtOrAboveItsThreshold() {
    Target above = new Target("throughput", 250_000, Target.Bound.AT_LEAST, 100_000, "records/s", "");
    Target below = new Target("throughput", 45_000, Target.Bound.AT_LEAST, 100_000, "records/s", "");
    Target exactly = new Target("ratio", 0.5, Target.Bound.AT_LEAST, 0.5, "x", "");

    assertTrue(above.met());
    assertEquals("MET (2.50x margin)", above.verdict());
    assertFalse(below.met());
    assertEquals("MISSED (45% of the target)", below.verdict());
    assertTrue(exactly.met());
    assertEquals(">= 100,000 records/s", above.describeThreshold());
  }

  @Test
  void aCeilingIsMetAtOrBelowItsThreshold() {
    Target under = new Target("latency", 700, Target.Bound.AT_MOST, 1000, "ms", "");
    Target over = new Target("latency", 1300, Target.Bound.AT_MOST, 1000, "ms", "");
    Target negative = new Target("latency", -5, Target.Bound.AT_MOST, 1000, "ms", "");

    assertEquals("MET (300 ms under)", under.verdict());
    assertEquals("MISSED (by 300 ms)", over.verdict());
    assertTrue(negative.met());
  }

  @Test
  void aLatencyTargetWithManyRecordsWithoutOutputIsMissedNotMeasuredOnTheRest() {
    java.util.Map<String, LatencySample.Input> inputs = new java.util.HashMap<>();
    java.util.Map<String, Long> outputs = new java.util.HashMap<>();
    for (int i = 0; i < 100; i++) {
      inputs.put("r" + i, new LatencySample.Input(1_000, 2_000));
      if (i < 98) {
        outputs.put("r" + i, 31_200L); // 200 ms over the floor
      }
    }
    Target twoMissing = BenchResults.latencyTarget(LatencySample.of(inputs, outputs, 30_000));
    assertFalse(twoMissing.met());
    assertEquals("unbounded", Format.number(twoMissing.measured()));
    assertTrue(twoMissing.verdict().startsWith("MISSED (2 of 100 records had no output"), twoMissing.verdict());

    outputs.put("r98", 31_200L);
    Target oneMissing = BenchResults.latencyTarget(LatencySample.of(inputs, outputs, 30_000));
    assertTrue(oneMissing.met());
    assertEquals(200, oneMissing.measured(), 1e-9);
  }

  @Test
  void aTargetNotMeasuredIsNeitherMetNorMissed() {
    Target missing = Target.notMeasured("price of Beam", Target.Bound.AT_LEAST, 0.5, "x", "no native job");

    assertFalse(missing.met());
    assertFalse(missing.measuredAtAll());
    assertEquals("NOT MEASURED (no native job)", missing.verdict());
  }
}

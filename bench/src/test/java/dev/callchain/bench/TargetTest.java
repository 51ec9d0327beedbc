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
  void aTargetNotMeasuredIsNeitherMetNorMissed() {
    Target missing = Target.notMeasured("price of Beam", Target.Bound.AT_LEAST, 0.5, "x", "no native job");

    assertFalse(missing.met());
    assertFalse(missing.measuredAtAll());
    assertEquals("NOT MEASURED (no native job)", missing.verdict());
  }
}

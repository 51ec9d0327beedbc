package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DrainCurveTest {
  @Test
  void theRateRunsFromTenToNinetyPercentInterpolatedBetweenPolls() {
    DrainCurve curve = new DrainCurve(1_000);
    curve.add(0, 0);
    curve.add(1, 50);
    curve.add(2, 250);
    curve.add(3, 650);
    curve.add(4, 1_000);

    // 100 records: a quarter of the way from (1 s, 50) to (2 s, 250); 900: 250/350 of (3 s, 650)-(4 s, 1,000).
    assertEquals(1.25, curve.secondsTo(0.1).orElseThrow(), 1e-9);
    assertEquals(3 + 250.0 / 350, curve.secondsTo(0.9).orElseThrow(), 1e-9);
    // 800 records in 2.464 s; the polls' own times (2 s and 4 s) would say 400/s.
    assertEquals(324.64, curve.recordsPerSecond(0.1, 0.9), 0.01);
    assertEquals(4, curve.secondsTo(1).orElseThrow(), 1e-9);
  }

  @Test
  void aBurstWithinOnePollIsTimedInsideIt() {
    DrainCurve curve = new DrainCurve(1_000);
    curve.add(0, 0);
    curve.add(10, 0);
    curve.add(10.25, 1_000);

    assertEquals(10.025, curve.secondsTo(0.1).orElseThrow(), 1e-9);
    assertEquals(4_000, curve.recordsPerSecond(0.1, 0.9), 1e-6);
  }

  @Test
  void anOutputThatNeverReachesNinetyPercentHasNoRateButSaysHowFarItGot() {
    DrainCurve curve = new DrainCurve(1_000);
    curve.add(0, 0);
    curve.add(5, 400);
    curve.add(10, 850);
    curve.add(15, 850);

    assertEquals(1.25, curve.secondsTo(0.1).orElseThrow(), 1e-9);
    assertTrue(curve.secondsTo(0.9).isEmpty());
    assertTrue(Double.isNaN(curve.recordsPerSecond(0.1, 0.9)));
    assertEquals(850, curve.records());
    assertEquals(0.85, curve.share(), 1e-9);
  }

  @Test
  void samplesGoForwardInTime() {
    DrainCurve curve = new DrainCurve(10);
    curve.add(2, 1);
    assertThrows(IllegalArgumentException.class, () -> curve.add(1, 2));
    assertThrows(IllegalArgumentException.class, () -> new DrainCurve(0));
  }
}

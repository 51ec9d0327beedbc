package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOverAnUnsortedSample() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 100 .. 1
    }
    Percentiles p = Percentiles.of(values);
    assertEquals(50, p.at(50));
    assertEquals(99, p.at(99));
    assertEquals(100, p.max());
    assertEquals(1, p.at(0.5));
    assertEquals(100, values[0], "the caller's array is left as it was");
  }

  @Test
  void smallSamplesRoundTheRankUp() {
    Percentiles p = Percentiles.of(new long[] {30, 10, 20});
    assertEquals(20, p.at(50));
    assertEquals(30, p.at(99));
    assertEquals(10, p.at(33));
    assertEquals(20, p.at(34));
  }

  @Test
  void anEmptySampleOrABadPercentileIsAnError() {
    assertThrows(IllegalStateException.class, () -> Percentiles.of(new long[0]).at(50));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[] {1}).at(0));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[] {1}).at(101));
  }
}

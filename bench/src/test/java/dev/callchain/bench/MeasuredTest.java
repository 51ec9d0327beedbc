package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasuredTest {
  private static ChildResult run(long records, double seconds, long held) {
    return new ChildResult(records, seconds, held * 1000, Map.of("held_per_address_max", held));
  }

  @Test
  void ratesAreMediansAndPeaksAreMaxima() {
    Measured m = Measured.of("callchain", "default", 1_000,
        List.of(run(1_000, 10, 5), run(1_000, 1, 7), run(1_000, 2, 6)));

    assertEquals(500, m.recordsPerSecond(), 1e-9); // rates 100, 1000, 500
    assertEquals(2, m.seconds(), 1e-9);
    assertEquals(7, m.heldPerAddressMax());
    assertEquals(7_000, m.peakHeapBytes());
    assertEquals("500 (100–1,000)", m.recordsPerSecondWithSpread());
  }

  @Test
  void theMedianOfAnEvenCountIsTheLowerMiddle() {
    assertEquals(2, Measured.median(List.of(4.0, 1.0, 2.0, 3.0)), 1e-9);
    assertTrue(Double.isNaN(Measured.median(List.of())));
  }

  @Test
  void aMissingSystemHasNoFigures() {
    Measured m = Measured.missing("native", "default", 1_000, "not built");
    assertFalse(m.measured());
    assertTrue(Double.isNaN(m.recordsPerSecond()));
    assertEquals("n/a", m.recordsPerSecondWithSpread());
  }
}

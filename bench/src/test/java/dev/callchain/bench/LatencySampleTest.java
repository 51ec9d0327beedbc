package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencySampleTest {
  private static final long BOUND = 30_000;

  @Test
  void theFloorIsWhenTheWatermarkCanPassTheEndCountedFromArrival() {
    // Ended at 1,000, arrived at 3,000: the watermark passes 1,000 at 31,000 of event time.
    assertEquals(28_000, LatencySample.floorMs(1_000, BOUND, 3_000));
    // Arrived later than end + bound: it could go out at once.
    assertEquals(0, LatencySample.floorMs(1_000, BOUND, 40_000));
    assertEquals(0, LatencySample.floorMs(1_000, BOUND, 31_000));
  }

  @Test
  void pairsInputsWithOutputsByIdAndCountsTheMissing() {
    Map<String, LatencySample.Input> inputs =
        Map.of(
            "a", new LatencySample.Input(1_000, 2_000), // floor 29,000
            "b", new LatencySample.Input(5_000, 5_500), // floor 29,500
            "c", new LatencySample.Input(9_000, 9_100)); // no output
    Map<String, Long> outputs = Map.of("a", 2_000L + 29_400, "b", 5_500L + 29_700, "z", 1L);

    LatencySample sample = LatencySample.of(inputs, outputs, BOUND);

    assertEquals(2, sample.measured());
    assertEquals(1, sample.missing());
    assertEquals(200, sample.overFloorMs(33));
    assertEquals(400, sample.overFloorMs(50));
    // The record without output is the slowest: the p99 falls on it.
    assertEquals(Double.POSITIVE_INFINITY, sample.overFloorMs(99));
  }

  @Test
  void recordsWithoutOutputMakeTheP99UnboundedOnlyWhenMoreThanOnePercentHaveNone() {
    Map<String, LatencySample.Input> inputs = new HashMap<>();
    Map<String, Long> outputs = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      inputs.put("r" + i, new LatencySample.Input(1_000, 2_000)); // floor 29,000
      if (i < 98) {
        outputs.put("r" + i, 2_000L + 29_000 + i); // i ms over the floor
      }
    }
    assertEquals(Double.POSITIVE_INFINITY, LatencySample.of(inputs, outputs, BOUND).overFloorMs(99));

    outputs.put("r98", 2_000L + 29_000 + 98);
    LatencySample oneMissing = LatencySample.of(inputs, outputs, BOUND);
    assertEquals(98, oneMissing.overFloorMs(99));
    assertEquals(49, oneMissing.overFloorMs(50));
  }

  @Test
  void nothingToMeasureIsNotANumber() {
    assertTrue(Double.isNaN(LatencySample.of(Map.of(), Map.of("a", 1L), BOUND).overFloorMs(99)));
  }
}

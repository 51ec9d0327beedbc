package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildResultTest {
  @Test
  void aResultLineReadsBackAsTheResult() {
    ChildResult result = new ChildResult(2_000_000, 12.5, 3L << 30, Map.of("held_per_address_max", 46_364L));

    ChildResult back = ChildResult.parse(result.toLine()).orElseThrow();

    assertEquals(result, back);
    assertEquals(160_000, back.recordsPerSecond(), 1e-6);
    assertEquals(46_364, back.metric("held_per_address_max"));
    assertEquals(0, back.metric("absent"));
  }

  @Test
  void otherLinesAreNotResultsAndABrokenResultLineIsAnError() {
    assertTrue(ChildResult.parse("callchain: run finished in 3.0 s").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> ChildResult.parse(ChildResult.PREFIX + "{not json"));
  }
}

package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamingDrainTest {
  @Test
  void aDatasetIsTooShortWhenItsLastTenPercentIsWithinTheBoundOfItsEnd() {
    // 1 ms between traces, and 2% more traces asked than records / 4.4: 300 s of event time (the
    // 30 s bound being its last 10%) are about 1,294,118 records. The warning switches there, and
    // names that figure.
    assertTrue(StreamingDrain.tooShort(Workload.moderate(2_000_000)).isEmpty());
    assertTrue(StreamingDrain.tooShort(Workload.moderate(1_300_000)).isEmpty());
    String why = StreamingDrain.tooShort(Workload.moderate(1_290_000)).orElseThrow();
    assertTrue(why.contains("needs about 1,294,118 records"), why);
    assertTrue(StreamingDrain.tooShort(Workload.dense(1_000_000)).isPresent());
    // 50 ms between traces: 40,000 records span over 450 s.
    assertTrue(StreamingDrain.tooShort(Workload.defaults(40_000)).isEmpty());
    assertEquals("12 (idle flush)", StreamingDrain.flagged("12", Workload.moderate(100_000)));
    assertEquals("12", StreamingDrain.flagged("12", Workload.defaults(2_000_000)));
  }
}

package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointSectionTest {
  @Test
  void theCheckpointTargetIsMeasuredOnlyWithAboutAMillionCallsHeld() {
    CompletedCheckpoint fast = new CompletedCheckpoint(4, 0, 3_500, 600 << 20, 600 << 20);
    CompletedCheckpoint slow = new CompletedCheckpoint(4, 0, 12_000, 600 << 20, 600 << 20);

    Target met = CheckpointSection.target(result(1_020_000, Optional.of(fast)));
    assertTrue(met.met());
    assertEquals(3.5, met.measured(), 1e-9);
    assertEquals("<= 10 s", met.describeThreshold());
    Target missed = CheckpointSection.target(result(1_020_000, Optional.of(slow)));
    assertEquals("MISSED (by 2 s)", missed.verdict());

    Target small = CheckpointSection.target(result(40_000, Optional.of(fast)));
    assertFalse(small.measuredAtAll());
    assertEquals("NOT MEASURED (only 40,000 calls held)", small.verdict());
    Target none = CheckpointSection.target(result(1_020_000, Optional.empty()));
    assertEquals("NOT MEASURED (no checkpoint)", none.verdict());
  }

  /** A run that held {@code calls} calls, each under its two addresses. */
  private static CheckpointSection.Result result(long calls, Optional<CompletedCheckpoint> checkpoint) {
    Datasets.Dataset data = new Datasets.Dataset(Workload.defaults(calls), "in", calls, null);
    return new CheckpointSection.Result(data, 2 * calls, checkpoint, checkpoint.isPresent() ? "" : "no checkpoint");
  }
}

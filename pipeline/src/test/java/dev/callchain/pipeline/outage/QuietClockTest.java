package dev.callchain.pipeline.outage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class QuietClockTest {
  @Test
  void withoutAGuardQuietTimeCountsFromTheLastArrival() {
    QuietClock clock = QuietClock.sinceLastArrival();
    clock.inUse(100);
    assertEquals(50, clock.quietSince(50, 1_000));
  }

  /** What a restored job runs: a copy of the function, whose timers fire at once. */
  @Test
  void aRestoredInstanceCountsQuietTimeFromItsOwnStart() {
    QuietClock clock = QuietClock.guardingOutagesOf(UUID.randomUUID().toString());
    clock.inUse(100);
    assertEquals(100, clock.quietSince(50, 1_000));
    assertEquals(700, clock.quietSince(700, 1_000));

    QuietClock restored = SerializableUtils.clone(clock);
    assertEquals(5_000, restored.quietSince(700, 5_000));
    assertEquals(5_000, restored.quietSince(700, 9_000));
  }

  @Test
  void quietTimeCountsFromTheLastOutageOfItsOwnRun() {
    String run = UUID.randomUUID().toString();
    QuietClock clock = QuietClock.guardingOutagesOf(run);
    clock.inUse(0);
    SourceOutages.brokerAway(UUID.randomUUID().toString(), 900); // another run's
    assertEquals(50, clock.quietSince(50, 1_000));
    SourceOutages.brokerAway(run, 300);
    SourceOutages.brokerAway(run, 200); // seen late by another partition: the last one stands
    assertEquals(300, clock.quietSince(50, 1_000));
    assertEquals(400, clock.quietSince(400, 1_000));
  }
}

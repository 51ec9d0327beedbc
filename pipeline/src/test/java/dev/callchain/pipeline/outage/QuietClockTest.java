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

  /** A file input on a runner that restores: no broker, but a restart is still no quiet time. */
  @Test
  void withoutABrokerARestoredInstanceStillCountsFromItsOwnStart() {
    QuietClock restored = SerializableUtils.clone(QuietClock.guardingRestarts());
    assertEquals(5_000, restored.quietSince(700, 5_000));
    assertEquals(700, QuietClock.sinceLastArrival().quietSince(700, 5_000));
  }

  @Test
  void quietTimeCountsFromTheLastOutageOfItsOwnBroker() {
    String broker = "127.0.0.1:" + UUID.randomUUID();
    QuietClock clock = QuietClock.guardingOutagesOf(broker);
    clock.inUse(0);
    SourceOutages.brokerAway("127.0.0.1:" + UUID.randomUUID(), 900); // another broker's
    assertEquals(50, clock.quietSince(50, 1_000));
    SourceOutages.brokerAway(broker, 300);
    SourceOutages.brokerAway(broker, 200); // seen late by another partition: the last one stands
    assertEquals(300, clock.quietSince(50, 1_000));
    assertEquals(400, clock.quietSince(400, 1_000));
  }
}

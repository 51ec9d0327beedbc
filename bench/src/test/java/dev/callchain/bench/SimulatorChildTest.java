package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.simulator.PacingLag;
import dev.callchain.simulator.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorChildTest {
  @TempDir Path work;

  @Test
  void aRunSummaryTravelsOnTheResultLineWithItsLagToTheMicrosecond() {
    RunSummary summary = new RunSummary(1_000, 4_812, 4_800, 12, Duration.ofMillis(60_250),
        new PacingLag(5_000, 155.6444, 28.9281));

    RunSummary back = SimulatorChild.summary(ChildResult.parse(SimulatorChild.result(summary).toLine()).orElseThrow());

    assertEquals(new RunSummary(1_000, 4_812, 4_800, 12, Duration.ofMillis(60_250),
        new PacingLag(5_000, 155.644, 28.928)), back);
    RunSummary fast = new RunSummary(10, 48, 48, 0, Duration.ofSeconds(1), null);
    assertNull(SimulatorChild.summary(SimulatorChild.result(fast)).lag());
  }

  @Test
  void aStreamingSimulatorStoppedByTheBenchReportsItsRun() throws Exception {
    Path logs = work.resolve("logs");
    ChildJvm jvm = new ChildJvm("256m", logs);
    try (ChildJvm.Child child = jvm.start("simulator", SimulatorChild.class,
        List.of("--realtime", "--stream", "--interval", "1", "--debug", "--out", "/dev/null"))) {
      awaitLine(logs.resolve("simulator.log"), "Starting continuous streaming");
      // Let it run: stopped at once on a loaded machine, it had finished no trace (a CI run saw
      // traces=0 after 0.2 s). At --interval 1 two seconds make about 2,000.
      Thread.sleep(2_000);

      RunSummary summary = SimulatorChild.summary(child.stopForResult());

      assertTrue(summary.traces() > 0, summary.toString());
      assertTrue(summary.records() >= summary.traces(), summary.toString());
      assertEquals(0, summary.sendErrors());
      assertTrue(summary.lag() != null && summary.lag().events() > 0, summary.toString());
    }
  }

  /** Waits until the child has written the line to its log: it has started its run. */
  private static void awaitLine(Path log, String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!(Files.exists(log) && Files.readString(log).contains(line))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child did not start its run: " + log);
      }
      Thread.sleep(50);
    }
  }
}

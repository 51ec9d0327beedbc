package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepUpMainTest {
  @Test
  void withoutOptionsTheLadderIsTheFullBenchsAndEachOptionReplacesItsPart() {
    assertEquals(BenchPlan.full().keepUp(), KeepUpMain.Options.parse().plan());

    KeepUpMain.Options options = KeepUpMain.Options.parse("--rates", "2000, 4000", "--run-seconds", "60",
        "--warmup-seconds", "15", "--heap", "4g");

    assertEquals(new BenchPlan.KeepUpPlan(List.of(2_000, 4_000), Duration.ofSeconds(60), Duration.ofSeconds(15)),
        options.plan());
    assertEquals("4g", options.heap());
  }

  @Test
  void aMistakeIsSaidBeforeAnythingRuns() {
    assertThrows(IllegalArgumentException.class, () -> KeepUpMain.Options.parse("--rates", "0,1000"));
    assertThrows(IllegalArgumentException.class, () -> KeepUpMain.Options.parse("--rates", "fast"));
    assertThrows(IllegalArgumentException.class, () -> KeepUpMain.Options.parse("--run-seconds"));
    // 20 s of warm-up, the 30 s bound and a 5 s margin leave nothing to measure in 55 s.
    assertThrows(IllegalArgumentException.class, () -> KeepUpMain.Options.parse("--run-seconds", "55"));
    KeepUpMain.Options.parse("--run-seconds", "56");
    assertThrows(IllegalArgumentException.class, () -> KeepUpMain.Options.parse("--ip-pool-size", "10"));
  }
}

package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeepUpSectionTest {
  private static final Log QUIET = new Log(new PrintStream(PrintStream.nullOutputStream()));
  private static final List<Integer> LADDER = List.of(1_000, 2_000, 3_000, 4_000, 5_000);

  /** Runs no pipeline: each rate keeps up unless it is one of {@code missing}; says what it was asked. */
  private static KeepUpSection.Rung rung(Set<Integer> missing, List<Integer> asked) {
    return tracesPerSecond -> {
      asked.add(tracesPerSecond);
      return missing.contains(tracesPerSecond) ? KeepUpRates.missed(tracesPerSecond)
          : KeepUpRates.keptUp(tracesPerSecond);
    };
  }

  @Test
  void climbingStopsAtTheFirstRateThatMissesAndReportsIt() throws Exception {
    List<Integer> asked = new ArrayList<>();
    // 5,000 would keep up, but is not run: climbing stopped at 3,000.
    KeepUpSection.Result result = KeepUpSection.climb(LADDER, rung(Set.of(3_000, 4_000), asked), QUIET);

    assertEquals(List.of(1_000, 2_000, 3_000), asked);
    assertEquals(List.of(1_000, 2_000, 3_000), result.rates().stream().map(KeepUpRate::tracesPerSecond).toList());
    assertEquals(2_000, result.highestKeptUp().orElseThrow().tracesPerSecond());
    assertEquals(3_000, result.missed().orElseThrow().tracesPerSecond());
    assertEquals(4_000, result.missed().orElseThrow().p99OverFloorMs());
    assertEquals(LADDER, result.ladder());
  }

  @Test
  void everyRateRunsWhenEachKeepsUp() throws Exception {
    List<Integer> asked = new ArrayList<>();
    KeepUpSection.Result result = KeepUpSection.climb(LADDER, rung(Set.of(), asked), QUIET);

    assertEquals(LADDER, asked);
    assertEquals(5_000, result.highestKeptUp().orElseThrow().tracesPerSecond());
    assertTrue(result.missed().isEmpty());
  }

  @Test
  void aFirstRateThatMissesLeavesNoRateKeptUp() throws Exception {
    KeepUpSection.Result result = KeepUpSection.climb(LADDER, rung(Set.of(1_000), new ArrayList<>()), QUIET);

    assertEquals(1, result.rates().size());
    assertTrue(result.highestKeptUp().isEmpty());
  }

  @Test
  void aLadderMustRise() {
    List<Integer> asked = new ArrayList<>();
    assertThrows(IllegalArgumentException.class,
        () -> KeepUpSection.climb(List.of(2_000, 1_000), rung(Set.of(), asked), QUIET));
    assertThrows(IllegalArgumentException.class,
        () -> KeepUpSection.climb(List.of(1_000, 1_000), rung(Set.of(), asked), QUIET));
    assertTrue(asked.isEmpty(), "nothing runs before the ladder is checked");
  }

  @Test
  void aRateKeepsUpAtOneSecondOverTheFloorAndNotWithTwoPercentWithoutOutput() {
    assertTrue(KeepUpRates.rate(1_000, 1_000, 0).keptUp());
    assertFalse(KeepUpRates.rate(1_000, 1_001, 0).keptUp());
    assertTrue(KeepUpRates.rate(1_000, 200, 1).keptUp());
    KeepUpRate twoMissing = KeepUpRates.rate(1_000, 200, 2);
    assertFalse(twoMissing.keptUp());
    assertEquals(Double.POSITIVE_INFINITY, twoMissing.p99OverFloorMs());
  }

  @Test
  void theTableHasARowPerRateRunWithItsFigures() throws Exception {
    KeepUpSection.Result result = new KeepUpSection.Result(LADDER,
        List.of(KeepUpRates.keptUp(500), KeepUpRates.rate(1_000, 200, 2)));

    List<List<String>> rows = KeepUpSection.table(result).render().lines().skip(2)
        .map(line -> List.of(line.substring(1).split("\\|")).stream().map(String::strip).toList())
        .toList();

    assertEquals(2, rows.size(), rows.toString());
    assertEquals(List.of("500", "2", "2,400", "100 of 100", "300", "300", "3.25", "0.25", "0.50", "1.00",
        "1.75", "1.90", "yes"), rows.get(0));
    assertEquals(List.of("1,000", "1", "4,800", "98 of 100", "200", "unbounded", "3.25", "0.25", "0.50",
        "1.00", "1.75", "1.90", "NO"), rows.get(1));
  }

  @Test
  void theVerdictNamesTheHighestRateKeptUpAndWhereClimbingStopped() {
    KeepUpSection.Result stopped = new KeepUpSection.Result(LADDER,
        List.of(KeepUpRates.keptUp(1_000), KeepUpRates.keptUp(2_000), KeepUpRates.missed(3_000)));
    assertEquals("Highest rate kept up: **2,000 traces/s** (9,600 records/s in); climbing stopped at 3,000"
        + " traces/s, which did not (higher rates not run).", KeepUpSection.verdict(stopped));
    assertEquals("Highest rate kept up: **none**; climbing stopped at 1,000 traces/s, which did not"
        + " (higher rates not run).", KeepUpSection.verdict(
            new KeepUpSection.Result(LADDER, List.of(KeepUpRates.missed(1_000)))));
    assertEquals("Highest rate kept up: **2,000 traces/s** (9,600 records/s in); every rate of the ladder kept up.",
        KeepUpSection.verdict(new KeepUpSection.Result(List.of(1_000, 2_000),
            List.of(KeepUpRates.keptUp(1_000), KeepUpRates.keptUp(2_000)))));
  }

  @Test
  void theDescriptionNamesTheLadderTheRunsAndTheRule() {
    BenchPlan.KeepUpPlan plan = BenchPlan.full().keepUp();
    String text = KeepUpSection.describe(plan, new KeepUpSection.Result(plan.tracesPerSecond(),
        List.of(KeepUpRates.keptUp(1_000), KeepUpRates.missed(2_000))));

    assertTrue(text.contains("(1,000, 2,000, 3,000, 4,000, 5,000 traces/s; a trace is about 4.80 records)"), text);
    assertTrue(text.contains("a run of 75 s of its own"), text);
    assertTrue(text.contains("after a 20 s warm-up and whose floor (end_at_ms + bound) lies 5 s before"), text);
    assertTrue(text.contains("no output 30 s after the stop"), text);
    assertTrue(text.contains("at most 1,000 ms"), text);
  }

  @Test
  void theIntervalOfARateIsInMillisecondsAsTheSimulatorTakesIt() {
    assertEquals("2", KeepUpRun.intervalMs(500));
    assertEquals("1", KeepUpRun.intervalMs(1_000));
    assertEquals("0.2", KeepUpRun.intervalMs(5_000));
    assertEquals("0.333333", KeepUpRun.intervalMs(3_000));
    assertEquals("4", KeepUpRun.intervalMs(250));
  }
}

package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubtaskBalanceSectionTest {
  @Test
  void theBusiestWorkerIsHeldToTwiceTheMean() {
    Datasets.Dataset data = new Datasets.Dataset(Workload.defaults(500_000), "in", 500_000, null);
    SubtaskBalanceSection.Result even = new SubtaskBalanceSection.Result(data, List.of(),
        Optional.of(new SubtaskRecords("linker", List.of(100L, 100L, 100L, 100L))), "");
    SubtaskBalanceSection.Result oneHot = new SubtaskBalanceSection.Result(data, List.of("--addressSliceMs=0"),
        Optional.of(new SubtaskRecords("linker", List.of(700L, 100L, 100L, 100L))), "");
    SubtaskBalanceSection.Result none =
        new SubtaskBalanceSection.Result(data, List.of(), Optional.empty(), "the run failed");

    assertTrue(SubtaskBalanceSection.target(even).met());
    assertEquals(1, SubtaskBalanceSection.target(even).measured(), 1e-9);
    Target hot = SubtaskBalanceSection.target(oneHot);
    assertEquals(2.8, hot.measured(), 1e-9);
    assertEquals("MISSED (by 0.800 x)", hot.verdict());
    assertFalse(SubtaskBalanceSection.target(none).measuredAtAll());
    assertEquals("NOT MEASURED (the run failed)", SubtaskBalanceSection.target(none).verdict());
  }
}

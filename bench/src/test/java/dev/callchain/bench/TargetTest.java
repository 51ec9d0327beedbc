package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void aFloorIsMetAtOrAboveItsThreshold() {
    Target above = new Target("throughput", 250_000, Target.Bound.AT_LEAST, 100_000, "records/s", "");
    Target below = new Target("throughput", 45_000, Target.Bound.AT_LEAST, 100_000, "records/s", "");
    Target exactly = new Target("ratio", 0.5, Target.Bound.AT_LEAST, 0.5, "x", "");

    assertTrue(above.met());
    assertEquals("MET (2.50x margin)", above.verdict());
    assertFalse(below.met());
    assertEquals("MISSED (45% of the target)", below.verdict());
    assertTrue(exactly.met());
    assertEquals(">= 100,000 records/s", above.describeThreshold());
  }

  @Test
  void aCeilingIsMetAtOrBelowItsThreshold() {
    Target under = new Target("latency", 700, Target.Bound.AT_MOST, 1000, "ms", "");
    Target over = new Target("latency", 1300, Target.Bound.AT_MOST, 1000, "ms", "");
    Target negative = new Target("latency", -5, Target.Bound.AT_MOST, 1000, "ms", "");

    assertEquals("MET (300 ms under)", under.verdict());
    assertEquals("MISSED (by 300 ms)", over.verdict());
    assertTrue(negative.met());
  }

  @Test
  void theKeepUpTargetIsTheHighestRateKeptUpAgainstFiveThousandTracesPerSecond() {
    List<Integer> ladder = List.of(1_000, 2_000, 3_000, 4_000, 5_000);
    Target stoppedAtThreeThousand = BenchResults.keepUpTarget(new KeepUpSection.Result(ladder,
        List.of(KeepUpRates.keptUp(1_000), KeepUpRates.keptUp(2_000), KeepUpRates.missed(3_000))));
    assertFalse(stoppedAtThreeThousand.met());
    assertEquals(2_000, stoppedAtThreeThousand.measured(), 1e-9);
    assertEquals("MISSED (40% of the target)", stoppedAtThreeThousand.verdict());
    assertEquals(">= 5,000 traces/s", stoppedAtThreeThousand.describeThreshold());

    List<KeepUpRate> all = ladder.stream().map(KeepUpRates::keptUp).toList();
    Target met = BenchResults.keepUpTarget(new KeepUpSection.Result(ladder, all));
    assertTrue(met.met());
    assertEquals("MET (1.00x margin)", met.verdict());

    Target noneKeptUp = BenchResults.keepUpTarget(new KeepUpSection.Result(ladder,
        List.of(KeepUpRates.missed(1_000))));
    assertFalse(noneKeptUp.met());
    assertEquals(0, noneKeptUp.measured(), 1e-9);
  }

  @Test
  void aLadderEndingBelowTheTargetWithEveryRateKeptUpDoesNotMeasureIt() {
    Target quick = BenchResults.keepUpTarget(new KeepUpSection.Result(List.of(1_000, 2_000),
        List.of(KeepUpRates.keptUp(1_000), KeepUpRates.keptUp(2_000))));
    assertFalse(quick.measuredAtAll());
    assertTrue(quick.verdict().contains("2,000 traces/s"), quick.verdict());
  }

  @Test
  void aStreamingDrainTargetIsNotMeasuredWhereTheIdleFlushWouldBeTimed() {
    StreamingDrainSection.WorkloadDrains streamTimed = drains(Workload.defaults(2_000_000), 36_000, 40_000);
    Target ratio = BenchResults.drainTarget("ratio", streamTimed, streamTimed.callchainVsNative(), 0.8, "x");
    assertTrue(ratio.met());
    assertEquals(0.9, ratio.measured(), 1e-9);

    StreamingDrainSection.WorkloadDrains flushTimed = drains(Workload.moderate(100_000), 36_000, 40_000);
    Target flushed = BenchResults.drainTarget("ratio", flushTimed, flushTimed.callchainVsNative(), 0.8, "x");
    assertFalse(flushed.measuredAtAll());
    assertTrue(flushed.verdict().contains("idle flush"), flushed.verdict());
  }

  @Test
  void rocksDbIsComparedWithTheHeapDrainingTheSameDataset() {
    Datasets.Dataset data = new Datasets.Dataset(Workload.defaults(500_000), "in", 500_000, null);
    StreamingDrainSection.WorkloadDrains backends = new StreamingDrainSection.WorkloadDrains(data,
        List.of(drain(LiveSystem.CALLCHAIN, data, 50_000), drain(LiveSystem.CALLCHAIN_ROCKSDB, data, 20_000)),
        null, "not compared");
    double ratio = backends.ratio(LiveSystem.CALLCHAIN_ROCKSDB, LiveSystem.CALLCHAIN);
    assertEquals(0.4, ratio, 1e-9);

    Target target = BenchResults.drainTarget("RocksDB / heap", backends, ratio, 0.5, "x");
    assertEquals("MISSED (80% of the target)", target.verdict());
    assertTrue(Double.isNaN(backends.ratio(LiveSystem.CALLCHAIN_ROCKSDB, LiveSystem.NATIVE)), "no native drain");
  }

  /** One complete drain per system, each at the given rate from 10% to 90%. */
  private static StreamingDrainSection.WorkloadDrains drains(Workload workload, double callchain,
                                                             double nativeJob) {
    Datasets.Dataset data = new Datasets.Dataset(workload, "in", workload.records(), null);
    return new StreamingDrainSection.WorkloadDrains(data,
        List.of(drain(LiveSystem.CALLCHAIN, data, callchain), drain(LiveSystem.NATIVE, data, nativeJob)),
        null, "not compared");
  }

  private static StreamingDrain.Drain drain(LiveSystem system, Datasets.Dataset data, double rate) {
    DrainCurve curve = new DrainCurve(data.records());
    curve.add(0, 0);
    curve.add(10, data.records() / 10);
    curve.add(10 + 0.8 * data.records() / rate, data.records() * 9 / 10);
    curve.add(100, data.records());
    return new StreamingDrain.Drain(system, data.workload(), curve, true, 103, "out");
  }

  @Test
  void aTargetNotMeasuredIsNeitherMetNorMissed() {
    Target missing = Target.notMeasured("price of Beam", Target.Bound.AT_LEAST, 0.5, "x", "no native job");

    assertFalse(missing.met());
    assertFalse(missing.measuredAtAll());
    assertEquals("NOT MEASURED (no native job)", missing.verdict());
  }
}

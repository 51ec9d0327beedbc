package dev.callchain.accuracy;

import static dev.callchain.accuracy.Outputs.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccuracyScorerTest {
  private static final String MAIN = "10.1.0.1";
  private static final String SUB1 = "10.2.0.1";
  private static final String SUB2 = "10.3.0.1";
  private static final String SUB3 = "10.4.0.1";
  private static final double EPS = 1e-12;

  /** Two traces: m1 -> (s1, s2 -> s3) and m2 -> (s4, s5 -> s6). */
  private static GroundTruth twoTraces() {
    Map<String, GroundTruth.Entry> truth = new LinkedHashMap<>();
    truth.put("m1", new GroundTruth.Entry(null, "t1"));
    truth.put("s1", new GroundTruth.Entry("m1", "t1"));
    truth.put("s2", new GroundTruth.Entry("m1", "t1"));
    truth.put("s3", new GroundTruth.Entry("s2", "t1"));
    truth.put("m2", new GroundTruth.Entry(null, "t2"));
    truth.put("s4", new GroundTruth.Entry("m2", "t2"));
    truth.put("s5", new GroundTruth.Entry("m2", "t2"));
    truth.put("s6", new GroundTruth.Entry("s5", "t2"));
    return new GroundTruth(truth);
  }

  /** t1 all right; in t2 Main got a parent, s4 two, s5 no best parent, s6 a wrong one. */
  private static LinkedOutput scoredOutput() {
    return Outputs.output(
        line("m1", MAIN, List.of(), null),
        line("s1", SUB1, List.of("m1"), "m1"),
        line("s2", SUB2, List.of("m1"), "m1"),
        line("s3", SUB3, List.of("s2"), "s2"),
        line("m2", MAIN, List.of("x9"), null),
        line("s4", SUB1, List.of("m1", "m2"), "m2"),
        line("s5", SUB2, List.of("m2"), null),
        line("s6", SUB3, List.of("s5"), "s2"));
  }

  /** A true caller that only a skew tolerance makes a candidate counts for that recall alone. */
  @Test
  void aTrueCallerAmongTheNearMissesCountsOnlyWithSkewTolerance() {
    LinkedOutput output =
        Outputs.output(
            line("m1", MAIN, List.of(), null),
            Outputs.withNearMisses("s1", SUB1, List.of("m2"), List.of("m1"), "m1"),
            line("s2", SUB2, List.of(), null),
            line("s3", SUB3, List.of("s2"), "s2"),
            line("m2", MAIN, List.of(), null),
            line("s4", SUB1, List.of("m2"), "m2"),
            Outputs.withNearMisses("s5", SUB2, List.of(), List.of("m1"), null),
            line("s6", SUB3, List.of("s5"), "s5"));
    LinkTally all = AccuracyScorer.score(twoTraces(), output).overall();
    assertEquals(3.0 / 6, all.recall(), EPS); // s3, s4, s6
    assertEquals(4.0 / 6, all.recallWithSkewTolerance(), EPS); // and s1's m1, a near miss; s5's is wrong
  }

  @Test
  void overallCountsEveryLinkAndRecord() {
    Accuracy accuracy = AccuracyScorer.score(twoTraces(), scoredOutput());
    LinkTally all = accuracy.overall();
    assertEquals(8, all.records());
    assertEquals(8, all.links());
    assertEquals(6.0 / 8, all.precision(), EPS);
    assertEquals(1.0, all.recall(), EPS);
    assertEquals(7.0 / 8, all.truthAmongParents(), EPS); // m2's parent is wrong; m1 has none, right
    assertEquals(6.0 / 8, all.exactlyOneParent(), EPS);
    assertEquals(1.0, all.meanCandidates(), EPS);
    assertEquals(4.0 / 5, all.bestParentPrecision(), EPS); // s6 wrong; nulls not counted
    assertEquals(4.0 / 6, all.bestParentRecall(), EPS); // s5 null and s6 wrong miss
  }

  @Test
  void splitsByTheCalleesService() {
    Map<ServiceEdge, LinkTally> byEdge = AccuracyScorer.score(twoTraces(), scoredOutput()).byEdge();
    LinkTally main = byEdge.get(ServiceEdge.CLIENT_MAIN);
    assertEquals(2, main.records());
    assertEquals(0.0, main.precision(), EPS); // any parent of a Main record is wrong
    assertTrue(Double.isNaN(main.recall())); // no Main record has a true parent
    assertEquals(0.5, main.truthAmongParents(), EPS);
    assertEquals(0.5, main.exactlyOneParent(), EPS);
    assertTrue(Double.isNaN(main.bestParentPrecision())); // both best parents null

    LinkTally sub1 = byEdge.get(ServiceEdge.MAIN_SUB1);
    assertEquals(2.0 / 3, sub1.precision(), EPS);
    assertEquals(1.5, sub1.meanCandidates(), EPS);
    assertEquals(0.5, sub1.exactlyOneParent(), EPS);
    assertEquals(1.0, sub1.bestParentPrecision(), EPS);

    LinkTally sub2 = byEdge.get(ServiceEdge.MAIN_SUB2);
    assertEquals(1.0, sub2.precision(), EPS);
    assertEquals(0.5, sub2.bestParentRecall(), EPS);

    LinkTally sub3 = byEdge.get(ServiceEdge.SUB2_SUB3);
    assertEquals(0.5, sub3.bestParentPrecision(), EPS);
    assertEquals(0.5, sub3.bestParentRecall(), EPS);
    assertEquals(Map.of(1, 2L), sub3.recordsByParentCount());
  }

  @Test
  void aTraceIsExactOnlyWhenEveryRecordIs() {
    Accuracy accuracy = AccuracyScorer.score(twoTraces(), scoredOutput());
    assertEquals(2, accuracy.traces());
    assertEquals(1, accuracy.tracesExact()); // t2: Main has a parent, s4 has two
    assertEquals(1, accuracy.tracesExactBestParent()); // t2: s5 has none, s6 a wrong one
    assertTrue(accuracy.hasBestParent());
  }

  @Test
  void aMainRecordWithANullBestParentAndNoParentsIsRight() {
    Map<String, GroundTruth.Entry> truth = Map.of(
        "m", new GroundTruth.Entry(null, "t"), "s", new GroundTruth.Entry("m", "t"));
    Accuracy accuracy = AccuracyScorer.score(new GroundTruth(truth),
        Outputs.output(line("m", MAIN, List.of(), null), line("s", SUB1, List.of("m"), "m")));
    assertEquals(1, accuracy.tracesExact());
    assertEquals(1, accuracy.tracesExactBestParent());
    assertEquals(1.0, accuracy.overall().bestParentPrecision(), EPS);
  }

  @Test
  void withoutBestParentItsFiguresAreNotANumber() {
    Map<String, GroundTruth.Entry> truth = Map.of(
        "m", new GroundTruth.Entry(null, "t"), "s", new GroundTruth.Entry("m", "t"));
    Accuracy accuracy = AccuracyScorer.score(new GroundTruth(truth),
        Outputs.output(line("m", MAIN, List.of()), line("s", SUB1, List.of("m"))));
    assertFalse(accuracy.hasBestParent());
    assertEquals(1, accuracy.tracesExact());
    assertEquals(0, accuracy.tracesExactBestParent());
    assertTrue(Double.isNaN(accuracy.tracesExactBestParentShare()));
    assertTrue(Double.isNaN(accuracy.overall().bestParentPrecision()));
    assertEquals(0.0, accuracy.overall().bestParentRecall(), EPS);
  }

  @Test
  void missingUnknownAndUnplaceableRecordsAreListed() {
    Map<String, GroundTruth.Entry> truth = new LinkedHashMap<>();
    truth.put("m", new GroundTruth.Entry(null, "t1"));
    truth.put("s", new GroundTruth.Entry("m", "t1"));
    truth.put("gone", new GroundTruth.Entry("m", "t1"));
    truth.put("odd", new GroundTruth.Entry(null, "t2"));
    Accuracy accuracy = AccuracyScorer.score(new GroundTruth(truth), Outputs.output(
        line("m", MAIN, List.of()),
        line("s", SUB1, List.of("m")),
        line("odd", "elsewhere", List.of()),
        line("stray", SUB1, List.of("m"))));
    assertEquals(List.of("gone"), accuracy.missingIds());
    assertEquals(List.of("stray"), accuracy.unknownIds());
    assertEquals(List.of("odd"), accuracy.unknownServiceIds());
    assertEquals(3, accuracy.overall().records()); // m, s, odd: in both truth and output
    assertEquals(2, accuracy.byEdge().values().stream().mapToLong(LinkTally::records).sum());
    assertEquals(1, accuracy.tracesExact()); // t1 lacks "gone"; t2 is right
    String text = AccuracyReport.markdown(accuracy);
    assertTrue(text.contains("missing from the output: 1 (gone)"), text);
    assertTrue(text.contains("not in the truth: 1 (stray)"), text);
  }

  @Test
  void concurrencyIsMainTimeInFlightPerMainAddress() {
    // Two Main addresses; 300 ms of Main calls over a 150 ms span: one call in flight per address.
    LinkedOutput output = Outputs.output(
        "{\"id\":\"a\",\"dst_ip\":\"10.1.0.1\",\"start_at_ms\":0,\"end_at_ms\":150,\"parents\":[],\"children\":[]}",
        "{\"id\":\"b\",\"dst_ip\":\"10.1.0.2\",\"start_at_ms\":0,\"end_at_ms\":100,\"parents\":[],\"children\":[]}",
        "{\"id\":\"c\",\"dst_ip\":\"10.1.0.2\",\"start_at_ms\":100,\"end_at_ms\":150,\"parents\":[],\"children\":[]}",
        "{\"id\":\"d\",\"dst_ip\":\"10.2.0.1\",\"start_at_ms\":0,\"end_at_ms\":900,\"parents\":[],\"children\":[]}");
    Concurrency concurrency = new Concurrency();
    output.records().forEach(concurrency::add);
    assertEquals(1.0, concurrency.mainCallsInFlightPerAddress(), EPS);
  }
}

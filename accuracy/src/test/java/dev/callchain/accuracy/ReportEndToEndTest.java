package dev.callchain.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's records, linked by a bounded pipeline run, scored by the report command. */
class ReportEndToEndTest {
  @Test
  void theRuleNeverMissesTheTrueParentInABoundedRun(@TempDir Path dir) throws Exception {
    // 300 traces every 2 ms over 3 addresses per service: several Main calls in flight per address.
    Path calls = dir.resolve("calls.jsonl");
    Path truth = dir.resolve("truth.jsonl");
    Simulation simulation = Simulation.toFiles(
        List.of("--count", "300", "--interval", "2", "--ip-pool-size", "3", "--seed", "7"), calls, truth);
    Path linked = dir.resolve("linked.jsonl");
    FileRun.link(List.of("--runnerConfig=" + RepoRoot.flinkEmbeddedConfig(RepoRoot.find(null))),
        calls, linked,
        dir.resolve("dead-letters.jsonl"), List.of("--bestParent=true"));

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Path markdown = dir.resolve("report/ACCURACY.md");
    Path png = dir.resolve("report/parents.png");
    int exit = AccuracyMain.run(new String[] {"report", "--truth", truth.toString(),
        "--output", linked.toString(), "--markdown", markdown.toString(), "--png", png.toString()},
        new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, exit);

    Accuracy accuracy = AccuracyScorer.score(GroundTruth.read(truth), LinkedOutput.read(linked));
    assertEquals(List.of(), accuracy.missingIds());
    assertEquals(List.of(), accuracy.unknownIds());
    assertEquals(List.of(), accuracy.unknownServiceIds());
    assertEquals(simulation.summary().records(), accuracy.overall().records());
    assertEquals(300, accuracy.traces());
    assertEquals(1.0, accuracy.overall().recall());
    for (ServiceEdge edge : List.of(ServiceEdge.MAIN_SUB1, ServiceEdge.MAIN_SUB2, ServiceEdge.SUB2_SUB3)) {
      assertEquals(1.0, accuracy.byEdge().get(edge).recall(), edge.label());
    }
    // At this load the rule also links calls to Main calls that did not make them.
    assertTrue(accuracy.overall().precision() < 1.0);
    assertTrue(accuracy.concurrency() > 1.0);
    assertTrue(accuracy.hasBestParent());

    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(text, Files.readString(markdown));
    assertTrue(text.contains("| Main→Sub1 "), text);
    assertTrue(text.contains("missing from the output: 0"), text);
    assertTrue(Files.size(png) > 0);
  }

  @Test
  void badUsageExitsWithTwo() {
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    assertEquals(2, AccuracyMain.run(new String[] {"nonsense"}, quiet, quiet));
    assertEquals(2, AccuracyMain.run(new String[] {"report", "--truth", "t.jsonl"}, quiet, quiet));
    assertEquals(2, AccuracyMain.run(new String[] {"report", "--bogus", "1"}, quiet, quiet));
  }
}

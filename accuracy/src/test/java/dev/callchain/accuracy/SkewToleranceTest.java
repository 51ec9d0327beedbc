package dev.callchain.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harder simulator's hosts keep clocks up to 1.5 ms apart (boutique-like.json), so the rule
 * misses callers whose interval seems not to contain their call's. A 2 ms skew tolerance brings
 * them back as best_parent candidates and names more callers right, while the links stay the rule's.
 */
class SkewToleranceTest {
  @Test
  void onHostsWithSkewedClocksTheToleranceFindsTheCallersTheRuleMisses(@TempDir Path dir) throws Exception {
    Path repo = RepoRoot.find(null);
    Path calls = dir.resolve("calls.jsonl");
    Path truth = dir.resolve("truth.jsonl");
    Simulation.toFiles(
        List.of("--count", "200", "--interval", "30", "--seed", "7",
            "--topology", repo.resolve("simulator/topologies/boutique-like.json").toString()),
        calls, truth);
    LinkTally strict = link(repo, dir, calls, truth, 0);
    LinkTally tolerant = link(repo, dir, calls, truth, 2);
    System.out.printf(
        "boutique-like, 200 requests: rule recall %.4f, with a 2 ms tolerance %.4f; best_parent recall %.4f -> %.4f,"
            + " precision %.4f -> %.4f%n",
        strict.recall(), tolerant.recallWithSkewTolerance(), strict.bestParentRecall(), tolerant.bestParentRecall(),
        strict.bestParentPrecision(), tolerant.bestParentPrecision());

    assertTrue(strict.recall() < 0.95, "the skew hides callers from the rule: " + strict.recall());
    assertEquals(strict.recall(), tolerant.recall(), "the links stay the rule's");
    assertEquals(strict.precision(), tolerant.precision(), "the links stay the rule's");
    assertTrue(
        tolerant.recallWithSkewTolerance() > strict.recall() + 0.05,
        tolerant.recallWithSkewTolerance() + " against " + strict.recall());
    assertTrue(
        tolerant.bestParentRecall() > strict.bestParentRecall(),
        tolerant.bestParentRecall() + " against " + strict.bestParentRecall());
  }

  private static LinkTally link(Path repo, Path dir, Path calls, Path truth, long skewToleranceMs) throws Exception {
    Path linked = dir.resolve("linked-" + skewToleranceMs + ".jsonl");
    FileRun.link(List.of("--runnerConfig=" + RepoRoot.flinkEmbeddedConfig(repo)), calls, linked,
        dir.resolve("dead-letters.jsonl"), List.of("--bestParent=true", "--skewToleranceMs=" + skewToleranceMs));
    return AccuracyScorer.score(GroundTruth.read(truth), LinkedOutput.read(linked)).overall();
  }
}

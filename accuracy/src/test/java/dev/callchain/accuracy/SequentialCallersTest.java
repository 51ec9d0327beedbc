package dev.callchain.accuracy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the harder simulator, a frontend whose requests overlap calls its backends one after another
 * (each call 30 µs after the previous one returned, as Online Boutique's does) or all at once. The
 * backends' times vary (log-normal), so where a call starts relative to its caller's start and
 * end says little for a sequential caller: the gap to the sibling before it picks the caller. A
 * parallel caller keeps being scored by that rhythm.
 */
class SequentialCallersTest {
  private static final String TOPOLOGY = """
      {
        "entry": "frontend",
        "services": {
          "frontend": {
            "instances": 1,
            "work_ms": {"lognormal": {"median": 1.0, "sigma": 0.5}},
            "calls": {"mode": "%s", %s"to": [
              {"service": "currency", "times": 1},
              {"service": "catalog", "times": 3},
              {"service": "cart", "times": 1},
              {"service": "currency", "times": 2}
            ]}
          },
          "currency": {"instances": 2, "work_ms": {"lognormal": {"median": 0.6, "sigma": 0.8}}},
          "catalog": {"instances": 2, "work_ms": {"lognormal": {"median": 1.5, "sigma": 0.8}}},
          "cart": {"instances": 1, "work_ms": {"lognormal": {"median": 2.0, "sigma": 0.8}}}
        }
      }
      """;

  @Test
  void aSequentialCallerIsFoundByTheGapsBetweenItsCalls(@TempDir Path dir) throws Exception {
    LinkTally tally = run(dir, "sequential", "\"gap_us\": 30, ");
    // Requests 5 ms apart take about 10 ms: two or three overlap on the one frontend. Scored by
    // the rhythm alone, precision was 0.72 and recall 0.69 here.
    assertTrue(tally.meanCandidates() > 1.5, "the callers overlap: " + tally.meanCandidates());
    assertTrue(tally.bestParentPrecision() >= 0.98, "precision " + tally.bestParentPrecision());
    assertTrue(tally.bestParentRecall() >= 0.97, "recall " + tally.bestParentRecall());
  }

  @Test
  void aParallelCallerIsStillScoredByItsRhythm(@TempDir Path dir) throws Exception {
    LinkTally tally = run(dir, "parallel", "");
    assertTrue(tally.meanCandidates() > 1.05, "the callers overlap: " + tally.meanCandidates());
    // As before sibling gaps were scored (0.99 both): not made worse.
    assertTrue(tally.bestParentPrecision() >= 0.97, "precision " + tally.bestParentPrecision());
    assertTrue(tally.bestParentRecall() >= 0.95, "recall " + tally.bestParentRecall());
  }

  private static LinkTally run(Path dir, String mode, String gap) throws Exception {
    Path repo = RepoRoot.find(null);
    Path topology = Files.writeString(dir.resolve(mode + ".json"), TOPOLOGY.formatted(mode, gap));
    Path calls = dir.resolve("calls.jsonl");
    Path truth = dir.resolve("truth.jsonl");
    Simulation.toFiles(
        List.of("--count", "400", "--interval", "5", "--seed", "5", "--topology", topology.toString()), calls, truth);
    Path linked = dir.resolve("linked.jsonl");
    FileRun.link(List.of("--runnerConfig=" + RepoRoot.flinkEmbeddedConfig(repo)), calls, linked,
        dir.resolve("dead-letters.jsonl"), List.of("--bestParent=true"));
    LinkTally tally = AccuracyScorer.score(GroundTruth.read(truth), LinkedOutput.read(linked)).overall();
    System.out.printf("%s caller, 400 requests 5 ms apart: %.2f candidates a call, best_parent precision %.4f,"
        + " recall %.4f%n", mode, tally.meanCandidates(), tally.bestParentPrecision(), tally.bestParentRecall());
    return tally;
  }
}

package dev.callchain.pipeline.link;

import static dev.callchain.pipeline.testing.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.PartialLinks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * --bestParent on hand-made ambiguous cases at address "M": calls go to M (candidate parents) and
 * leave M for "S" (children). A real caller starts its callee 20 ms into its own work and returns
 * 80 ms after the callee does; other calls merely overlap.
 */
class ParentScorerTest {
  private final CallsAtAddress calls = new CallsAtAddress(true, CallsAtAddress.DROP_LATE_LINKS);
  private final Map<String, PartialLinks> emitted = new HashMap<>();

  private void parent(String id, long start, long end) {
    calls.admitAsParent(id, start, end, partner -> {});
  }

  private void child(String id, long start, long end) {
    calls.admitAsChild(call(id, "M", "S", start, end), partner -> {});
  }

  private void emitThrough(long time) {
    calls.evictEndedBefore(time, half -> emitted.put((half.hasParents() ? "" : "children of ") + half.id(), half));
  }

  private ParentScores scoresOf(String id) {
    return emitted.get(id).scores();
  }

  /** Traces whose callers overlap in pairs: each child has its real caller and a stranger. */
  private long history(int traces, long from) {
    long t = from;
    for (int i = 0; i < traces; i++) {
      parent("real" + i, t, t + 130);
      parent("stranger" + i, t - 7 - i % 5, t + 150 + i % 9);
      child("child" + i, t + 20, t + 50);
      t += 1000;
    }
    emitThrough(t);
    return t;
  }

  @Test
  void theCallerWithTheLearnedRhythmIsNamedBest() {
    long t = history(40, 10_000);
    int right = 0;
    for (int i = 0; i < 40; i++) {
      if (("real" + i).equals(scoresOf("child" + i).best())) {
        right++;
      }
    }
    // Learned from the same batch it scores: the rhythm wins for (nearly) every child.
    assertTrue(right >= 38, "named the real caller for " + right + " of 40");

    // A new ambiguous child: its real caller keeps the rhythm, two strangers do not.
    parent("a", t, t + 130);
    parent("b", t - 3, t + 200);
    parent("c", t + 5, t + 60);
    child("x", t + 20, t + 50);
    emitThrough(t + 1000);
    ParentScores x = scoresOf("x");
    assertArrayEquals(new String[] {"a", "b", "c"}, emitted.get("x").ids());
    assertEquals("a", x.best());
    assertTrue(x.scores()[0] > 0.5 && x.scores()[0] > 10 * x.scores()[1], x.toString());
  }

  @Test
  void twoCallersWithTheSameRhythmAreATieAndNoneIsNamed() {
    long t = history(20, 10_000);
    parent("twin1", t, t + 130);
    parent("twin2", t, t + 130);
    child("x", t + 20, t + 50);
    emitThrough(t + 1000);
    ParentScores x = scoresOf("x");
    assertNull(x.best());
    assertEquals(x.scores()[0], x.scores()[1], 1e-12);
  }

  @Test
  void aSingleCandidateIsBestWithCertainty() {
    parent("only", 1000, 2000);
    child("x", 1500, 1600);
    emitThrough(5000);
    assertEquals("only", scoresOf("x").best());
    assertArrayEquals(new double[] {1.0}, scoresOf("x").scores());
  }

  @Test
  void withNothingLearnedSeveralCandidatesAreNotGuessedAt() {
    parent("p1", 1000, 2000);
    parent("p2", 1100, 1900);
    child("x", 1500, 1600);
    emitThrough(5000);
    assertNull(scoresOf("x").best());
    assertArrayEquals(new double[] {0.5, 0.5}, scoresOf("x").scores(), 1e-12);
  }

  @Test
  void aCallWithoutParentsHasNoBestAndNoScores() {
    child("orphan", 1000, 1100);
    emitThrough(5000);
    assertNull(scoresOf("orphan").best());
    assertEquals(0, scoresOf("orphan").scores().length);
  }

  @Test
  void scoringLeavesTheLinksExactlyAsThePlainRule() {
    Random random = new Random(3);
    CallsAtAddress plain = new CallsAtAddress();
    for (int i = 0; i < 300; i++) {
      long start = random.nextInt(5000);
      long end = start + random.nextInt(400);
      if (random.nextBoolean()) {
        parent("c" + i, start, end);
        plain.admitAsParent("c" + i, start, end, partner -> {});
      } else {
        child("c" + i, start, end);
        plain.admitAsChild(call("c" + i, "M", "S", start, end), partner -> {});
      }
    }
    List<PartialLinks> plainHalves = new ArrayList<>();
    plain.evictEndedBefore(Long.MAX_VALUE - 1, plainHalves::add);
    emitThrough(Long.MAX_VALUE - 1);
    assertEquals(plainHalves.size(), emitted.size());
    for (PartialLinks half : plainHalves) {
      PartialLinks scored = emitted.get((half.hasParents() ? "" : "children of ") + half.id());
      assertArrayEquals(half.ids(), scored.ids(), half.id());
      if (half.hasParents()) {
        double sum = 0;
        for (double score : scored.scores().scores()) {
          assertTrue(score >= 0 && score <= 1);
          sum += score;
        }
        assertEquals(half.ids().length == 0 ? 0 : 1, sum, 1e-9);
      }
    }
  }

  @Test
  void theLearnedModelSurvivesTheStateCoder() throws Exception {
    long t = history(20, 10_000);
    CallsAtAddress copy = CoderUtils.clone(CallsAtAddressCoder.of(), calls);
    copy.admitAsParent("a", t, t + 130, partner -> {});
    copy.admitAsParent("b", t - 3, t + 200, partner -> {});
    copy.admitAsChild(call("x", "M", "S", t + 20, t + 50), partner -> {});
    List<PartialLinks> halves = new ArrayList<>();
    copy.evictEndedBefore(t + 1000, halves::add);
    PartialLinks x = halves.stream().filter(h -> h.hasParents() && h.id().equals("x")).findFirst().get();
    assertEquals("a", x.scores().best());
  }
}

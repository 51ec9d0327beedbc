package dev.callchain.pipeline.link;

import dev.callchain.pipeline.link.ParentModel.Candidate;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.PartialLinks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Scores the parents of the children an address emits together (--bestParent): the model first
 * learns from the whole batch, then scores it. A parent is named best only when it is more likely
 * the real caller than all the others together (score above 1/2); otherwise best_parent is null,
 * so that a named parent can be trusted.
 */
final class ParentScorer {
  static final double BEST_ABOVE = 0.5;
  private static final String[] NONE = new String[0];

  private ParentScorer() {}

  /**
   * With {@code learn}, the model learns from these children before scoring them. With a
   * {@code skewToleranceMs} above 0, a held call that misses containing a child by no more than
   * that at either end is a candidate too (a near miss), scored after the parents.
   */
  static void score(
      List<HeldCall> children,
      List<CallIndex> parents,
      ParentModel model,
      boolean learn,
      long skewToleranceMs,
      Consumer<PartialLinks> emit) {
    String[][] ids = new String[children.size()][];
    String[][] nearMisses = new String[children.size()][];
    Candidate[][] candidates = new Candidate[children.size()][];
    for (int i = 0; i < children.size(); i++) {
      HeldCall child = children.get(i);
      ids[i] = child.sortedLinks();
      Map<String, HeldCall> held = held(child, parents, skewToleranceMs);
      nearMisses[i] = skewToleranceMs == 0 ? NONE : nearMisses(ids[i], held);
      candidates[i] = candidates(child, ids[i], nearMisses[i], held);
      if (learn && candidates[i].length > 0) {
        String destination = child.record.dstIp();
        model.learn(destination, candidates[i], model.posterior(destination, candidates[i]));
      }
    }
    for (int i = 0; i < children.size(); i++) {
      HeldCall child = children.get(i);
      double[] scores = model.posterior(child.record.dstIp(), candidates[i]);
      int best = best(scores);
      ParentScores named =
          best < 0
              ? new ParentScores(null, scores, ParentScores.UNKNOWN_END, nearMisses[i])
              : new ParentScores(candidates[i][best].id(), scores, endOf(child, candidates[i][best]), nearMisses[i]);
      emit.accept(PartialLinks.parentsOf(child.record, ids[i], named));
    }
  }

  /** The held calls that contain the child, or miss by no more than the tolerance, by id. */
  private static Map<String, HeldCall> held(HeldCall child, List<CallIndex> parents, long skewToleranceMs) {
    Map<String, HeldCall> held = new HashMap<>();
    for (CallIndex index : parents) {
      index.forEachContaining(
          child.start + skewToleranceMs, child.end - skewToleranceMs, parent -> held.putIfAbsent(parent.id, parent));
    }
    held.remove(child.id); // never its own caller
    return held;
  }

  /** The held candidates that are not parents, sorted. */
  private static String[] nearMisses(String[] parentIds, Map<String, HeldCall> held) {
    Set<String> parents = Set.of(parentIds);
    return held.keySet().stream().filter(id -> !parents.contains(id)).sorted().toArray(String[]::new);
  }

  /**
   * The candidates in the order of the sorted parent ids, then the near misses, with their gaps
   * to the child (negative for a near miss, by the skew).
   */
  private static Candidate[] candidates(
      HeldCall child, String[] parentIds, String[] nearMisses, Map<String, HeldCall> held) {
    Candidate[] candidates = new Candidate[parentIds.length + nearMisses.length];
    for (int i = 0; i < candidates.length; i++) {
      String id = i < parentIds.length ? parentIds[i] : nearMisses[i - parentIds.length];
      HeldCall parent = held.get(id);
      // Only a parent no longer held (flushed earlier) lacks its times: it gets no weight.
      candidates[i] =
          parent == null
              ? new Candidate(id, Long.MAX_VALUE, Long.MAX_VALUE)
              : new Candidate(id, child.start - parent.start, parent.end - child.end);
    }
    return candidates;
  }

  /** The index of the parent named best, or -1. */
  private static int best(double[] scores) {
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] > BEST_ABOVE) {
        return i;
      }
    }
    return -1;
  }

  private static long endOf(HeldCall child, Candidate parent) {
    return parent.endGap() == Long.MAX_VALUE ? ParentScores.UNKNOWN_END : child.end + parent.endGap();
  }
}

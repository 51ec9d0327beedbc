package dev.callchain.pipeline.link;

import dev.callchain.pipeline.link.ParentModel.Candidate;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.PartialLinks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores the parents of the children an address emits together (--bestParent): the model first
 * learns from the whole batch, then scores it. A parent is named best only when it is more likely
 * the real caller than all the others together (score above 1/2); otherwise best_parent is null,
 * so that a named parent can be trusted.
 */
final class ParentScorer {
  static final double BEST_ABOVE = 0.5;

  private ParentScorer() {}

  /** With {@code learn}, the model learns from these children before scoring them. */
  static void score(
      List<HeldCall> children,
      List<CallIndex> parents,
      ParentModel model,
      boolean learn,
      Consumer<PartialLinks> emit) {
    String[][] ids = new String[children.size()][];
    Candidate[][] candidates = new Candidate[children.size()][];
    for (int i = 0; i < children.size(); i++) {
      HeldCall child = children.get(i);
      ids[i] = child.sortedLinks();
      candidates[i] = candidates(child, ids[i], parents);
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
              ? new ParentScores(null, scores)
              : new ParentScores(ids[i][best], scores, endOf(child, candidates[i][best]));
      emit.accept(PartialLinks.parentsOf(child.record, ids[i], named));
    }
  }

  /** The candidates in the order of the sorted parent ids, with their gaps to the child. */
  private static Candidate[] candidates(HeldCall child, String[] parentIds, List<CallIndex> parents) {
    Map<String, HeldCall> held = new HashMap<>();
    for (CallIndex index : parents) {
      index.forEachContaining(child.start, child.end, parent -> held.putIfAbsent(parent.id, parent));
    }
    Candidate[] candidates = new Candidate[parentIds.length];
    for (int i = 0; i < parentIds.length; i++) {
      HeldCall parent = held.get(parentIds[i]);
      // Only a parent no longer held (flushed earlier) lacks its times: it gets no weight.
      candidates[i] =
          parent == null
              ? new Candidate(parentIds[i], Long.MAX_VALUE, Long.MAX_VALUE)
              : new Candidate(parentIds[i], child.start - parent.start, parent.end - child.end);
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

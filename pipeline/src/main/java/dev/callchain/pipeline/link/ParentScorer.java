package dev.callchain.pipeline.link;

import dev.callchain.pipeline.link.ParentModel.Candidate;
import dev.callchain.pipeline.model.CallMicros;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.PartialLinks;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

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
   * that at either end is a candidate too (a near miss), scored after the parents. With {@code
   * assignments}, the children are then scored in the order they started and each is given to its
   * most likely caller: a sequential caller's sibling gap and every caller's usual number of calls
   * per destination weigh in (see {@link SiblingRhythm}, {@link CallsPerParent}).
   */
  static void score(
      List<HeldCall> children,
      List<CallIndex> parents,
      ParentModel model,
      @Nullable ParentAssignments assignments,
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
    for (int i : inStartOrder(children, assignments != null)) {
      HeldCall child = children.get(i);
      String destination = child.record.dstIp();
      double[] scores = model.posterior(destination, candidates[i]);
      if (assignments != null && candidates[i].length > 0) {
        assign(child, candidates[i], scores, model, assignments, learn);
      }
      int best = best(scores);
      ParentScores named =
          best < 0
              ? new ParentScores(null, scores, ParentScores.UNKNOWN_END, nearMisses[i])
              : new ParentScores(candidates[i][best].id(), scores, endOf(child, candidates[i][best]), nearMisses[i]);
      emit.accept(PartialLinks.parentsOf(child.record, ids[i], named));
    }
  }

  /**
   * Weighs {@code scores} by what each candidate has been given so far, learns the sibling gaps,
   * and gives the child to its most likely caller.
   */
  private static void assign(
      HeldCall child,
      Candidate[] candidates,
      double[] scores,
      ParentModel model,
      ParentAssignments assignments,
      boolean learn) {
    String destination = child.record.dstIp();
    long startUs = CallMicros.start(child.record);
    // The gaps that tell a sequential caller's calls apart are tens of µs: a log in whole ms does
    // not show them, so such a call is scored by the rhythm and does not judge the address.
    boolean micros = CallMicros.logged(child.record);
    boolean sequential = micros && model.siblings.isSequential();
    long[] cells = new long[candidates.length];
    double[] bySiblings = new double[candidates.length];
    int likeliestBySiblings = 0;
    double sum = 0;
    double siblingSum = 0;
    for (int j = 0; j < candidates.length; j++) {
      ParentAssignments.Given given = assignments.of(candidates[j].id());
      cells[j] = SiblingRhythm.cell(given, startUs);
      double another = model.callsPerParent.another(destination, given == null ? 0 : given.callsTo(destination));
      bySiblings[j] = model.siblings.weight(cells[j]) * another;
      siblingSum += bySiblings[j];
      likeliestBySiblings = bySiblings[j] > bySiblings[likeliestBySiblings] ? j : likeliestBySiblings;
      // A sequential caller's rhythm relative to its start and end drifts with every sibling's
      // duration: there the sibling gap takes its place.
      scores[j] = sequential ? bySiblings[j] : scores[j] * another;
      sum += scores[j];
    }
    int likeliest = 0;
    for (int j = 0; j < candidates.length; j++) {
      scores[j] /= sum;
      likeliest = scores[j] > scores[likeliest] ? j : likeliest;
      if (learn) {
        // The sibling gaps learn from their own picks, as the rhythm does from its own: learnt
        // from the picks of the rhythm, they would judge a sequential caller by its misses.
        model.siblings.learn(cells[j], bySiblings[j] / siblingSum);
      }
    }
    // Judged by the gaps' sure picks only: at a load where every call has several candidates from
    // the start, their unsure picks early on would judge a sequential caller by its misses.
    boolean sure = bySiblings[likeliestBySiblings] > BEST_ABOVE * siblingSum;
    if (learn && micros && sure && cells[likeliestBySiblings] != SiblingRhythm.UNKNOWN_START) {
      model.siblings.observe(cells[likeliestBySiblings]);
    }
    assignments.follow(candidates[likeliestBySiblings].id(), startUs, CallMicros.end(child.record));
    // Only a named caller is counted: a guess counted would hold its real child against it.
    if (scores[likeliest] > BEST_ABOVE) {
      assignments.give(candidates[likeliest].id(), destination);
    }
  }

  /** The indexes of the children, in the order they started when they are assigned. */
  private static int[] inStartOrder(List<HeldCall> children, boolean byStart) {
    Integer[] order = new Integer[children.size()];
    long[] starts = new long[children.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      starts[i] = byStart ? CallMicros.start(children.get(i).record) : 0;
    }
    if (byStart) {
      Arrays.sort(order, Comparator.<Integer>comparingLong(i -> starts[i]).thenComparing(i -> children.get(i).id));
    }
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
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

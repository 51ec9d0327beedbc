package dev.callchain.pipeline.link;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What one address has learned about how its calls call onward (--bestParent): for the calls
 * leaving it to each destination, how far after its caller's start a call starts and how long
 * before its caller's end it ends. A real caller shows the service's own rhythm (Main calls Sub1
 * 20 ms into its work, and returns 80 or 120 ms after Sub1 does); a caller that merely overlaps
 * shows gaps spread at random. So the gaps of every candidate are counted, each weighted by how
 * likely it is the real caller under what was learned so far (at first, all alike): the real
 * rhythm stands out and sharpens, as in expectation-maximisation, online.
 *
 * <p>Bounded: at most {@link #MAX_DESTINATIONS} destinations (the rest share one entry), at most
 * {@link #MAX_CELLS} gap cells each; counts halve when a destination's weight passes {@link
 * #HALVE_AT}, so the model also follows a rhythm that changes.
 */
final class ParentModel {
  static final int MAX_DESTINATIONS = 256;
  static final int MAX_CELLS = 2048;
  static final double HALVE_AT = 50_000;
  /** What an unseen gap pair counts, so that a candidate is never ruled out entirely. */
  static final double UNSEEN = 1e-3;
  private static final String OTHER_DESTINATIONS = "";

  final Map<String, Gaps> byDestination = new HashMap<>();
  /** Whether this address calls one after another, and its gaps between siblings. */
  final SiblingRhythm siblings = new SiblingRhythm();
  final CallsPerParent callsPerParent = new CallsPerParent();

  /** One candidate caller of a call: how far their starts and their ends lie apart. */
  record Candidate(String id, long startGap, long endGap) {}

  /**
   * The probability of each candidate being the real caller, from the gaps learned for the
   * destination; summing to 1.
   */
  double[] posterior(String destination, Candidate[] candidates) {
    Gaps gaps = byDestination.get(destination);
    if (gaps == null) {
      gaps = byDestination.get(OTHER_DESTINATIONS);
    }
    double[] scores = new double[candidates.length];
    double sum = 0;
    for (int i = 0; i < candidates.length; i++) {
      scores[i] = (gaps == null ? 0 : gaps.count(cell(candidates[i]))) + UNSEEN;
      sum += scores[i];
    }
    for (int i = 0; i < scores.length; i++) {
      scores[i] /= sum;
    }
    return scores;
  }

  /** Counts each candidate's gaps with the weight of its being the real caller. */
  void learn(String destination, Candidate[] candidates, double[] weights) {
    Gaps gaps = byDestination.get(destination);
    if (gaps == null) {
      String key = byDestination.size() < MAX_DESTINATIONS ? destination : OTHER_DESTINATIONS;
      gaps = byDestination.computeIfAbsent(key, unused -> new Gaps());
    }
    for (int i = 0; i < candidates.length; i++) {
      gaps.add(cell(candidates[i]), weights[i]);
    }
  }

  /** Learned weights of gap cells: (start gap, end gap) for one destination, or sibling gaps. */
  static final class Gaps {
    final Map<Long, Double> cells = new HashMap<>();
    double total;

    double count(long cell) {
      return cells.getOrDefault(cell, 0.0);
    }

    void add(long cell, double weight) {
      if (weight <= 0) {
        return;
      }
      cells.merge(cell, weight, Double::sum);
      total += weight;
      if (total > HALVE_AT || cells.size() > MAX_CELLS) {
        halve();
      }
    }

    /** Halves every weight and forgets the cells that fall below notice. */
    private void halve() {
      total = 0;
      for (Iterator<Map.Entry<Long, Double>> it = cells.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Long, Double> entry = it.next();
        double halved = entry.getValue() / 2;
        if (halved < UNSEEN * 100) {
          it.remove();
        } else {
          entry.setValue(halved);
          total += halved;
        }
      }
    }
  }

  /**
   * The cell of a gap pair: each gap exact to the ms below 128 ms, then 8 cells per doubling. A
   * near miss (--skewToleranceMs) has a negative gap, the skew, which gets a cell of its own: how
   * often the real caller seems to miss by so much is learned like any other rhythm.
   */
  static long cell(Candidate candidate) {
    return cell(candidate.startGap(), candidate.endGap());
  }

  static long cell(long startGap, long endGap) {
    return (long) bucket(startGap) << 32 | (bucket(endGap) & 0xffffffffL);
  }

  static int bucket(long gap) {
    if (gap < 0) {
      return (int) Math.max(gap, Integer.MIN_VALUE);
    }
    if (gap < 128) {
      return (int) gap;
    }
    int doubling = 63 - Long.numberOfLeadingZeros(gap); // 7 and up
    int eighth = (int) ((gap >>> (doubling - 3)) & 7);
    return 128 + (doubling - 7) * 8 + eighth;
  }
}

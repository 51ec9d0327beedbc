package dev.callchain.pipeline.link;

import java.util.HashMap;
import java.util.Map;

/**
 * What one caller address has learned of how many calls a caller makes to each destination
 * (--bestParent), counted when each caller is evicted with the children it was given. A caller
 * that already made {@code k} calls to a destination makes one more as often as callers that made
 * at least {@code k} went on to at least {@code k + 1}.
 */
final class CallsPerParent {
  /** Calls to one destination are counted exactly up to this; more count as this many. */
  static final int MAX_CALLS = 32;

  final Map<String, double[]> byDestination = new HashMap<>();

  /** Learns from an evicted caller how many calls it made to each destination. */
  void learn(Map<String, Integer> callsTo) {
    for (Map.Entry<String, Integer> calls : callsTo.entrySet()) {
      double[] counts = byDestination.get(calls.getKey());
      if (counts == null) {
        if (byDestination.size() >= ParentModel.MAX_DESTINATIONS) {
          continue; // bounded: the rest are not judged by their number of calls
        }
        counts = new double[MAX_CALLS + 1];
        byDestination.put(calls.getKey(), counts);
      }
      counts[Math.min(calls.getValue(), MAX_CALLS)]++;
      if (counts[0]++ > ParentModel.HALVE_AT) { // counts[0] holds the total
        for (int i = 0; i < counts.length; i++) {
          counts[i] /= 2;
        }
      }
    }
  }

  /**
   * How likely a caller that has made {@code made} calls to the destination makes one more: 1
   * for its first, else the learned share of callers that went on, smoothed so that a number of
   * calls never seen is unlikely, not impossible.
   */
  double another(String destination, int made) {
    double[] counts = byDestination.get(destination);
    if (made == 0 || counts == null) {
      return 1;
    }
    double atLeastMade = 0;
    for (int n = Math.min(made, MAX_CALLS); n <= MAX_CALLS; n++) {
      atLeastMade += counts[n];
    }
    double atLeastOneMore = atLeastMade - (made < MAX_CALLS ? counts[made] : 0);
    return (atLeastOneMore + 0.5) / (atLeastMade + 1);
  }
}

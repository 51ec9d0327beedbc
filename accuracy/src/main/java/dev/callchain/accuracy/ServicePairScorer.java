package dev.callchain.accuracy;

import java.util.HashMap;
import java.util.Map;

/**
 * Scores imported real traces per service pair ("caller → callee", from the truth's service
 * names), where the simulator's {@link ServiceEdge} means nothing. Records missing from the output
 * are left to {@link AccuracyScorer}, which lists them.
 */
final class ServicePairScorer {
  private ServicePairScorer() {}

  static Map<String, LinkTally> score(GroundTruth truth, LinkedOutput output) {
    Map<String, LinkTally> byPair = new HashMap<>();
    truth.byId().forEach((id, entry) -> {
      LinkedRecord record = output.get(id);
      if (record != null && entry.callerService() != null && entry.calleeService() != null) {
        byPair.computeIfAbsent(entry.callerService() + " → " + entry.calleeService(), pair -> new LinkTally())
            .add(entry.parentId(), record);
      }
    });
    return byPair;
  }
}

package dev.callchain.accuracy;

import java.util.List;
import java.util.Map;

/**
 * How well the output's links match the ground truth.
 *
 * @param overall every record present in both truth and output
 * @param byEdge the same split by service edge
 * @param traces traces in the truth
 * @param tracesExact traces whose every record has {@code parents} == {its true parent} (none for
 *     Main); a trace with a record missing from the output is not exact
 * @param tracesExactBestParent traces whose every record has {@code best_parent} == its true
 *     parent (null for Main)
 * @param hasBestParent whether the output has {@code best_parent} at all
 * @param missingIds ids in the truth but not in the output
 * @param unknownIds ids in the output but not in the truth
 * @param unknownServiceIds output ids whose {@code dst_ip} belongs to no service of the model
 * @param duplicates output records for an id already seen (revisions, redeliveries)
 * @param concurrency Main calls in flight per Main address, see {@link Concurrency}
 */
public record Accuracy(
    LinkTally overall,
    Map<ServiceEdge, LinkTally> byEdge,
    long traces,
    long tracesExact,
    long tracesExactBestParent,
    boolean hasBestParent,
    List<String> missingIds,
    List<String> unknownIds,
    List<String> unknownServiceIds,
    long duplicates,
    double concurrency) {

  public double tracesExactShare() {
    return LinkTally.ratio(tracesExact, traces);
  }

  /** NaN when the output has no {@code best_parent}. */
  public double tracesExactBestParentShare() {
    return hasBestParent ? LinkTally.ratio(tracesExactBestParent, traces) : Double.NaN;
  }
}

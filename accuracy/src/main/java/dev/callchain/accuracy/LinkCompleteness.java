package dev.callchain.accuracy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How many of the all-pairs links a run found, seen from one side: the child's {@code parents}
 * or the parent's {@code children}. A link is a (parent, child) pair of ids.
 *
 * @param expected links in the all-pairs result
 * @param found links of the run that are in the all-pairs result
 * @param extra links of the run that are not in the all-pairs result (the rule forbids any)
 */
record LinkCompleteness(long expected, long found, long extra) {

  double share() {
    return LinkTally.ratio(found, expected);
  }

  /** From each record's {@code parents}. */
  static LinkCompleteness ofParents(LinkedOutput allPairs, LinkedOutput run) {
    return compare(links(allPairs, LinkedRecord::parents, false), links(run, LinkedRecord::parents, false));
  }

  /** From each record's {@code children}. */
  static LinkCompleteness ofChildren(LinkedOutput allPairs, LinkedOutput run) {
    return compare(links(allPairs, LinkedRecord::children, true), links(run, LinkedRecord::children, true));
  }

  private static LinkCompleteness compare(Set<String> expected, Set<String> actual) {
    long found = actual.stream().filter(expected::contains).count();
    return new LinkCompleteness(expected.size(), found, actual.size() - found);
  }

  /** "parent\0child" for each link listed on the given side of each record. */
  private static Set<String> links(LinkedOutput output, Function<LinkedRecord, List<String>> side,
      boolean recordIsParent) {
    Set<String> links = new HashSet<>();
    for (LinkedRecord record : output.records()) {
      for (String other : side.apply(record)) {
        links.add(recordIsParent ? record.id() + '\0' + other : other + '\0' + record.id());
      }
    }
    return links;
  }
}

package dev.callchain.accuracy;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts over a set of scored records, for the plain rule ({@code parents}) and for {@code
 * best_parent}, and the shares derived from them. A share with nothing to divide by is NaN.
 */
public final class LinkTally {
  private long records;
  private long withTrueParent;
  private long links;
  private long trueLinks;
  private long truthAmongParents;
  private long truthAmongCandidates;
  private long exactlyOneParent;
  private long bestParents;
  private long correctBestParents;
  private final NavigableMap<Integer, Long> recordsByParentCount = new TreeMap<>();

  /** Scores one record: its parents, candidates and best parent against its true parent (null for Main). */
  void add(String trueParent, LinkedRecord record) {
    List<String> parents = record.parents();
    String bestParent = record.bestParent();
    records++;
    links += parents.size();
    recordsByParentCount.merge(parents.size(), 1L, Long::sum);
    if (parents.size() == 1) {
      exactlyOneParent++;
    }
    if (trueParent == null) {
      // Nothing to find: right only when nothing was linked.
      if (parents.isEmpty()) {
        truthAmongParents++;
      }
    } else {
      withTrueParent++;
      if (parents.contains(trueParent)) {
        trueLinks++;
        truthAmongParents++;
      }
      if (parents.contains(trueParent) || record.candidates().contains(trueParent)) {
        truthAmongCandidates++;
      }
    }
    if (bestParent != null) {
      bestParents++;
      if (Objects.equals(bestParent, trueParent)) {
        correctBestParents++;
      }
    }
  }

  public long records() {
    return records;
  }

  public long links() {
    return links;
  }

  /** True links / all links in {@code parents}. */
  public double precision() {
    return ratio(trueLinks, links);
  }

  /** Records whose true parent is among {@code parents} / records that have a true parent. */
  public double recall() {
    return ratio(trueLinks, withTrueParent);
  }

  /**
   * Records whose true parent is among {@code parents} or the near misses {@code
   * --skewToleranceMs} scores / records that have a true parent.
   */
  public double recallWithSkewTolerance() {
    return ratio(truthAmongCandidates, withTrueParent);
  }

  /**
   * Records whose true parent is among {@code parents}, over all records; a record with no
   * true parent (Main) counts when it has no parents.
   */
  public double truthAmongParents() {
    return ratio(truthAmongParents, records);
  }

  /** Records with exactly one parent (for Main records, one wrong parent). */
  public double exactlyOneParent() {
    return ratio(exactlyOneParent, records);
  }

  /** Parents per record: how many candidates a reader has to choose from. */
  public double meanCandidates() {
    return ratio(links, records);
  }

  /** Correct {@code best_parent} / non-null {@code best_parent}. */
  public double bestParentPrecision() {
    return ratio(correctBestParents, bestParents);
  }

  /** Correct {@code best_parent} / records that have a true parent. */
  public double bestParentRecall() {
    return ratio(correctBestParents, withTrueParent);
  }

  /** Number of parents -> records with that many. */
  public NavigableMap<Integer, Long> recordsByParentCount() {
    return Collections.unmodifiableNavigableMap(recordsByParentCount);
  }

  static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}

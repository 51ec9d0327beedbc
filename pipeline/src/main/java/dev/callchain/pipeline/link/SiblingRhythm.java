package dev.callchain.pipeline.link;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What one caller address has learned of the gaps between its calls (--bestParent): whether it
 * makes its calls one after another (each starting just after the previous one of the same request
 * ended: Online Boutique's frontend, tens of µs) or in parallel, and for a sequential caller how
 * far, in µs, a child starts after the latest child its candidate caller was given. That gap picks
 * the real caller where the rhythm relative to the caller's start and end, which drifts with every
 * sibling's duration, cannot.
 */
final class SiblingRhythm {
  /** The cell of a child scored against a caller whose start in µs is unknown (older state). */
  static final long UNKNOWN_START = Long.MIN_VALUE;
  /** The cell of a child that starts while a child picked for the caller still runs. */
  static final long OVERLAP = Long.MIN_VALUE + 1;
  /** Children seen following a sibling before the address is judged at all. */
  static final double JUDGED_AFTER = 50;
  /** The share of those that must start after the sibling ended for a sequential caller. */
  static final double SEQUENTIAL_SHARE = 0.8;
  /** What an unseen cell counts, against learned counts: one child's worth. */
  private static final double UNSEEN = 1;

  /** Sibling-gap cells weighted by each candidate's being the real caller, and by its not being it. */
  final ParentModel.Gaps ofCallers = new ParentModel.Gaps();
  final ParentModel.Gaps ofOthers = new ParentModel.Gaps();
  /**
   * Of the children the gaps pick surely: all, and those that followed a sibling in the caller
   * picked, after it ended or during it.
   */
  double picked;
  double following;
  double overlapping;

  /**
   * The cell of a child starting at {@code startUs} under a candidate caller: {@link #OVERLAP}
   * when a child picked for it is still running then; else its gap to the latest such child's
   * end (0 and up); else, for the caller's first child, its gap to the caller's start (below 0).
   * A sibling picked wrongly for a caller thus leaves its own children's gaps alone.
   */
  static long cell(ParentAssignments.@Nullable Given given, long startUs) {
    if (given == null) {
      return UNKNOWN_START;
    }
    long latestEndUs = Long.MIN_VALUE;
    for (int i = 0; i < given.followed; i++) {
      if (given.followedStartsUs[i] <= startUs && startUs < given.followedEndsUs[i]) {
        return OVERLAP;
      }
      if (given.followedEndsUs[i] <= startUs) {
        latestEndUs = Math.max(latestEndUs, given.followedEndsUs[i]);
      }
    }
    return latestEndUs == Long.MIN_VALUE
        ? -1L - bucket(Math.max(0, startUs - given.startUs))
        : bucket(startUs - latestEndUs);
  }

  /** A gap's cell: exact below 8 µs, then 4 cells per doubling. */
  static int bucket(long gapUs) {
    if (gapUs < 8) {
      return (int) gapUs;
    }
    int doubling = 63 - Long.numberOfLeadingZeros(gapUs); // 3 and up
    return 8 + (doubling - 3) * 4 + (int) ((gapUs >>> (doubling - 2)) & 3);
  }

  /**
   * Sequential: most children follow a sibling (not a caller making one call each) and nearly all
   * of those start after it ended.
   */
  boolean isSequential() {
    double seen = following + overlapping;
    return seen >= JUDGED_AFTER && seen >= picked / 2 && following >= SEQUENTIAL_SHARE * seen;
  }

  /**
   * How much more often the real caller shows this cell than a candidate that is not: the
   * likelihood ratio, so a cell common to every candidate (a caller's first child) weighs little.
   */
  double weight(long cell) {
    return (ofCallers.count(cell) + UNSEEN) / (ofCallers.total + UNSEEN)
        / ((ofOthers.count(cell) + UNSEEN) / (ofOthers.total + UNSEEN));
  }

  /** Learns a candidate's cell with the probability {@code weight} of its being the real caller. */
  void learn(long cell, double weight) {
    ofCallers.add(cell, weight);
    ofOthers.add(cell, 1 - weight);
  }

  /** Counts a sure pick, by its cell: a caller's first child, or one after or during a sibling. */
  void observe(long cell) {
    picked++;
    if (cell == OVERLAP) {
      overlapping++;
    } else if (cell >= 0) {
      following++;
    }
    if (picked > ParentModel.HALVE_AT) {
      picked /= 2;
      following /= 2;
      overlapping /= 2;
    }
  }
}

package dev.callchain.pipeline.link;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What each held caller at one address has been given so far (--bestParent): every scored child
 * goes to its most likely caller, which then knows when its latest child ended and how many calls
 * it has made to each destination. So the next child of a sequential caller is scored by its gap
 * to that sibling, and a caller that has made its usual number of calls to a destination is a less
 * likely caller of one more: the children are assigned, one parent each, rather than chosen apart.
 * A caller's entry is made when it comes, and goes when it is evicted; a caller not held (an
 * emitted one, in revise mode) is given nothing.
 */
final class ParentAssignments {
  /** A caller's children so far. */
  static final class Given {
    /** At most this many children picked for a caller are kept: the latest, by start. */
    static final int MAX_FOLLOWED = 32;

    /** The caller's start in epoch µs. */
    final long startUs;
    /**
     * The intervals (epoch µs) of the children the sibling gaps picked for this caller, oldest
     * first. Kept even where the address is not (yet) judged sequential, so that the judgement
     * does not hang on the other model's picks.
     */
    long[] followedStartsUs = NONE;
    long[] followedEndsUs = NONE;
    int followed;
    /** Calls made to each destination; null until the first. */
    @Nullable Map<String, Integer> callsTo;

    Given(long startUs) {
      this.startUs = startUs;
    }

    int callsTo(String destination) {
      return callsTo == null ? 0 : callsTo.getOrDefault(destination, 0);
    }

    void follow(long childStartUs, long childEndUs) {
      if (followed == MAX_FOLLOWED) {
        System.arraycopy(followedStartsUs, 1, followedStartsUs, 0, followed - 1);
        System.arraycopy(followedEndsUs, 1, followedEndsUs, 0, followed - 1);
        followed--;
      } else if (followed == followedStartsUs.length) {
        followedStartsUs = Arrays.copyOf(followedStartsUs, Math.min(MAX_FOLLOWED, Math.max(4, followed * 2)));
        followedEndsUs = Arrays.copyOf(followedEndsUs, followedStartsUs.length);
      }
      followedStartsUs[followed] = childStartUs;
      followedEndsUs[followed] = childEndUs;
      followed++;
    }
  }

  private static final long[] NONE = new long[0];

  final Map<String, Given> byParent = new HashMap<>();

  @Nullable Given of(String parentId) {
    return byParent.get(parentId);
  }

  /** A caller that has come, starting at {@code startUs}: its first child's gap is to its start. */
  void open(String parentId, long startUs) {
    byParent.putIfAbsent(parentId, new Given(startUs));
  }

  /** The sibling gaps pick this caller for a child running from {@code childStartUs} to {@code childEndUs}. */
  void follow(String parentId, long childStartUs, long childEndUs) {
    Given given = byParent.get(parentId);
    if (given != null) {
      given.follow(childStartUs, childEndUs);
    }
  }

  /** The child to {@code destination} is given to this caller. */
  void give(String parentId, String destination) {
    Given given = byParent.get(parentId);
    if (given != null) {
      if (given.callsTo == null) {
        given.callsTo = new HashMap<>(4);
      }
      given.callsTo.merge(destination, 1, Integer::sum);
    }
  }

  /** Forgets an evicted caller; returns what it was given, or null. */
  @Nullable Given forget(String parentId) {
    return byParent.remove(parentId);
  }

  boolean isEmpty() {
    return byParent.isEmpty();
  }
}

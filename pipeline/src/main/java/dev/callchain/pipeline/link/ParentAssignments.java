package dev.callchain.pipeline.link;

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
    /**
     * The latest end of a child the sibling gaps pick for this caller, else the caller's start,
     * in epoch µs. Followed by those picks even where the address is not (yet) judged sequential,
     * so that the judgement does not hang on the other model's picks.
     */
    long lastEndUs;
    /** Whether a child was picked for it by the sibling gaps: {@link #lastEndUs} is a child's end. */
    boolean followed;
    /** Calls made to each destination; null until the first. */
    @Nullable Map<String, Integer> callsTo;

    Given(long lastEndUs) {
      this.lastEndUs = lastEndUs;
    }

    int callsTo(String destination) {
      return callsTo == null ? 0 : callsTo.getOrDefault(destination, 0);
    }
  }

  final Map<String, Given> byParent = new HashMap<>();

  @Nullable Given of(String parentId) {
    return byParent.get(parentId);
  }

  /** A caller that has come, starting at {@code startUs}: its first child's gap is to its start. */
  void open(String parentId, long startUs) {
    byParent.putIfAbsent(parentId, new Given(startUs));
  }

  /** The sibling gaps pick this caller for a child ending at {@code childEndUs}. */
  void follow(String parentId, long childEndUs) {
    Given given = byParent.get(parentId);
    if (given != null) {
      given.lastEndUs = given.followed ? Math.max(given.lastEndUs, childEndUs) : childEndUs;
      given.followed = true;
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

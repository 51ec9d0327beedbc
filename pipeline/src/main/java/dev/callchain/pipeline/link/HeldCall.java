package dev.callchain.pipeline.link;

import dev.callchain.pipeline.model.CallRecord;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A call held under one address, in one role, with the ids linked to it so far. Links are
 * appended to a growable array (no list rewritten per link) and sorted once, at emission.
 */
public final class HeldCall {
  private static final String[] NO_LINKS = new String[0];

  public final String id;
  public final long start;
  public final long end;
  /** The full record where the call is held as a child; null where it is held as a parent. */
  public final @Nullable CallRecord record;

  private String[] links;
  private int linkCount;

  HeldCall(String id, long start, long end, @Nullable CallRecord record) {
    this(id, start, end, record, NO_LINKS);
  }

  HeldCall(String id, long start, long end, @Nullable CallRecord record, String[] links) {
    this.id = id;
    this.start = start;
    this.end = end;
    this.record = record;
    this.links = links;
    this.linkCount = links.length;
  }

  void link(String otherId) {
    if (linkCount == links.length) {
      links = Arrays.copyOf(links, Math.max(4, linkCount * 2));
    }
    links[linkCount++] = otherId;
  }

  int linkCount() {
    return linkCount;
  }

  /**
   * The links as made, unsorted and possibly repeated, valid up to {@link #linkCount()}: what the
   * state coder stores. Sorting them there cost a sort of every held list at every state copy.
   */
  String[] linksAsMade() {
    return links;
  }

  /** The links as SPEC §3 wants them: sorted ascending, without duplicates. */
  String[] sortedLinks() {
    if (linkCount == 0) {
      return NO_LINKS;
    }
    String[] sorted = Arrays.copyOf(links, linkCount);
    Arrays.sort(sorted);
    int distinct = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (!sorted[i].equals(sorted[distinct - 1])) {
        sorted[distinct++] = sorted[i];
      }
    }
    return distinct == sorted.length ? sorted : Arrays.copyOf(sorted, distinct);
  }
}

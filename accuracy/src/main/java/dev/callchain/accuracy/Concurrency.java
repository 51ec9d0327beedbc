package dev.callchain.accuracy;

import java.util.HashSet;
import java.util.Set;

/**
 * The load measure of the reports: Main calls in flight on one Main address, averaged over the
 * run (the summed duration of the Main calls, divided by the number of Main addresses and by
 * the span from the first start to the last end). A Sub1 or Sub2 call's true parent competes
 * with the other Main calls in flight on the same address: each that contains it is a wrong
 * candidate.
 */
public final class Concurrency {
  private long busyMs;
  private long firstStart = Long.MAX_VALUE;
  private long lastEnd = Long.MIN_VALUE;
  private final Set<String> addresses = new HashSet<>();

  /** Counts a record if it is a call to Main. */
  public void add(LinkedRecord record) {
    if (ServiceEdge.ofCallee(record.dstIp()) != ServiceEdge.CLIENT_MAIN) {
      return;
    }
    busyMs += record.endAtMs() - record.startAtMs();
    firstStart = Math.min(firstStart, record.startAtMs());
    lastEnd = Math.max(lastEnd, record.endAtMs());
    addresses.add(record.dstIp());
  }

  /** NaN without Main calls. */
  public double mainCallsInFlightPerAddress() {
    if (addresses.isEmpty() || lastEnd <= firstStart) {
      return Double.NaN;
    }
    return (double) busyMs / addresses.size() / (lastEnd - firstStart);
  }
}

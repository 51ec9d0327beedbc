package dev.callchain.pipeline.outage;

import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Since when a key's input has been quiet, for the idle flush (SPEC §4). Quiet means nothing
 * arrived while records could have: not while the job was down, nor while the broker was away.
 * Counting those as quiet flushed calls with only the links found so far, and the records delivered
 * after the fault could no longer reach them.
 *
 * <p>A job restored from a checkpoint runs new instances of its functions, and its timers, armed
 * before the fault, fire at once: so quiet time counts from this instance's first use, never from
 * before it. Quiet time also counts from the last time a source found the broker away ({@link
 * SourceOutages}).
 */
public final class QuietClock implements Serializable {
  /** Whether a fault's time is not quiet time; if not, quiet is since the last arrival, whatever happened. */
  private final boolean guarded;
  /** The broker whose outages are not quiet time, or null. */
  private final @Nullable String broker;
  /** Transient: false again in each deserialized copy, which is what a restored job runs. */
  private transient boolean started;
  private transient long startedAtMs;

  private QuietClock(boolean guarded, @Nullable String broker) {
    this.guarded = guarded;
    this.broker = broker;
  }

  /** Quiet from the last arrival, whatever happened since: for inputs that cannot fail over. */
  public static QuietClock sinceLastArrival() {
    return new QuietClock(false, null);
  }

  /** Quiet from the last arrival or this instance's start: for inputs without a broker. */
  public static QuietClock guardingRestarts() {
    return new QuietClock(true, null);
  }

  /** Quiet from the last arrival, this instance's start or {@code broker}'s last outage. */
  public static QuietClock guardingOutagesOf(String broker) {
    return new QuietClock(true, broker);
  }

  /** An arrival or a timer at processing time {@code nowMs}: the first marks this instance's start. */
  public void inUse(long nowMs) {
    if (!started) {
      started = true;
      startedAtMs = nowMs;
    }
  }

  /**
   * @param lastArrivalMs processing time of the key's last arrival
   * @param nowMs the processing time now
   */
  public long quietSince(long lastArrivalMs, long nowMs) {
    if (!guarded) {
      return lastArrivalMs;
    }
    inUse(nowMs);
    long outage = broker == null ? SourceOutages.NEVER : SourceOutages.lastAwayMs(broker);
    return Math.max(Math.max(lastArrivalMs, startedAtMs), outage);
  }
}

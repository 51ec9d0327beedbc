package dev.callchain.pipeline.outage;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a source last found its broker away, per broker (its bootstrap servers), in this JVM:
 * written by the source while it cannot reach the broker, read by the linker's idle flush, which
 * must not take an outage for a quiet input (SPEC §4: faults do not change the output).
 *
 * <p>Per JVM, because that is where both run: Flink puts subtask i of the source and of the linker
 * in one slot, so each linker has a source beside it, and a broker outage reaches every source.
 * Per broker rather than per run: a job resumed from a savepoint runs the Kafka source it was
 * saved with (the FlinkRunner restores the source object), which knows nothing of the new run.
 */
public final class SourceOutages {
  /** No outage seen. */
  public static final long NEVER = Long.MIN_VALUE;

  private static final ConcurrentHashMap<String, AtomicLong> LAST_AWAY = new ConcurrentHashMap<>();

  private SourceOutages() {}

  /** A source could not reach {@code broker} at {@code nowMs} (wall clock). */
  public static void brokerAway(String broker, long nowMs) {
    LAST_AWAY.computeIfAbsent(broker, id -> new AtomicLong(NEVER)).accumulateAndGet(nowMs, Math::max);
  }

  /** The last time a source found {@code broker} away, or {@link #NEVER}. */
  public static long lastAwayMs(String broker) {
    AtomicLong last = LAST_AWAY.get(broker);
    return last == null ? NEVER : last.get();
  }
}

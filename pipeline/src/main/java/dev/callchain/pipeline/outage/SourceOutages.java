package dev.callchain.pipeline.outage;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the source last found its broker away, per run, in this JVM: written by the source while it
 * cannot reach the broker, read by the linker's idle flush, which must not take an outage for a
 * quiet input (SPEC §4: faults do not change the output).
 *
 * <p>Per JVM, because that is where both run: Flink puts subtask i of the source and of the linker
 * in one slot, so each linker has a source beside it, and a broker outage reaches every source.
 */
public final class SourceOutages {
  /** No outage seen. */
  public static final long NEVER = Long.MIN_VALUE;

  private static final ConcurrentHashMap<String, AtomicLong> LAST_AWAY = new ConcurrentHashMap<>();

  private SourceOutages() {}

  /** The source of run {@code runId} could not reach its broker at {@code nowMs} (wall clock). */
  public static void brokerAway(String runId, long nowMs) {
    LAST_AWAY.computeIfAbsent(runId, id -> new AtomicLong(NEVER)).accumulateAndGet(nowMs, Math::max);
  }

  /** The last time the run's source found its broker away, or {@link #NEVER}. */
  public static long lastAwayMs(String runId) {
    AtomicLong last = LAST_AWAY.get(runId);
    return last == null ? NEVER : last.get();
  }
}

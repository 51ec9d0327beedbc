package dev.callchain.pipeline.link;

import dev.callchain.pipeline.CallchainMetrics;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches how late late calls are (how far their start lies behind the point their address had
 * already emitted through), so that an operator can see the bound is too tight and by how much:
 * the metrics {@code lateness_ms} (its max) and {@code lateness_p99_ms}, and a log line at the
 * first late call and then at most every {@link #LOG_EVERY_MS}, naming a bound that would have
 * held every late call seen. One per DoFn instance; figures are that instance's, since it started.
 */
final class LatenessTracker {
  static final long LOG_EVERY_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(LatenessTracker.class);
  /** Quarter-powers of two up to 2^40 ms: p99 to within 19%, in a few hundred bytes. */
  private static final int BUCKETS = 161;

  private final long boundMs;
  private final long[] buckets = new long[BUCKETS];
  private final Distribution lateness = CallchainMetrics.distribution(CallchainMetrics.LATENESS);
  private final Gauge latenessP99 = CallchainMetrics.gauge(CallchainMetrics.LATENESS_P99);
  private long count;
  private long max;
  private long lastLogMs = Long.MIN_VALUE;

  LatenessTracker(long boundMs) {
    this.boundMs = boundMs;
  }

  void late(long latenessMs, long nowMs) {
    lateness.update(latenessMs);
    buckets[bucket(latenessMs)]++;
    count++;
    max = Math.max(max, latenessMs);
    if (lastLogMs == Long.MIN_VALUE || nowMs - lastLogMs >= LOG_EVERY_MS) {
      lastLogMs = nowMs;
      long p99 = p99();
      latenessP99.set(p99);
      LOG.warn(
          "callchain: {} calls arrived behind the watermark (up to {} ms, p99 {} ms, bound {} ms);"
              + " --maxOutOfOrderMs={} would have held them",
          count, max, p99, boundMs, suggestedBound());
    }
  }

  /** The bound plus the largest lateness, rounded up to a second. */
  long suggestedBound() {
    return ((boundMs + max + 999) / 1000) * 1000;
  }

  /** The upper edge of the bucket holding the 99th percentile, capped at the largest seen. */
  long p99() {
    long rank = (long) Math.ceil(count * 0.99);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += buckets[i];
      if (seen >= rank) {
        return Math.min(max, (long) Math.ceil(Math.pow(2, i / 4.0)));
      }
    }
    return max;
  }

  static int bucket(long latenessMs) {
    if (latenessMs <= 1) {
      return 0;
    }
    return (int) Math.min(BUCKETS - 1, Math.ceil(4 * Math.log(latenessMs) / Math.log(2)));
  }
}

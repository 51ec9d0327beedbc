package dev.callchain.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak heap in use of this JVM, sampled every 100 ms: a child measures itself, so the broker
 * and the other systems never count.
 */
final class HeapSampler implements AutoCloseable {
  private static final long PERIOD_MS = 100;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "heap-sampler");
            thread.setDaemon(true);
            return thread;
          });

  private HeapSampler() {}

  static HeapSampler start() {
    HeapSampler sampler = new HeapSampler();
    sampler.timer.scheduleAtFixedRate(sampler::sample, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    return sampler;
  }

  private void sample() {
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
  }

  long peakBytes() {
    sample();
    return peak.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

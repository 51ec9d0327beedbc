package dev.callchain.pipeline.io;

import dev.callchain.pipeline.outage.SourceOutages;
import dev.callchain.pipeline.parse.ParseResult;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Instant;

/**
 * Event time and watermark of one Kafka partition (SPEC §4): a record's time is its {@code
 * start_at_ms}; the watermark trails the largest start seen by maxOutOfOrderMs. Neither depends on
 * the wall clock, so a backfill from 2020 and records stamped ahead of now link like live ones.
 *
 * <p>A partition that has received nothing for idlePartitionMs of processing time, and has no
 * backlog, is idle: it reports the highest watermark of the run's busy partitions instead of
 * holding everyone back (the reader takes the minimum over its partitions). It never reports the
 * end of time, which would end the stream. Records it receives later behind that watermark are
 * late, and are counted as such downstream.
 *
 * <p>It also tells the linker when the broker is away ({@link SourceOutages}): the reader fetches
 * the partitions' end offsets every second, and the time of the last fetch that succeeded is the
 * context's backlog check time.
 */
final class StartTimePolicy extends TimestampPolicy<byte[], ParsedValue> {
  /** Highest watermark per run among the partitions read in this JVM; shared by idle ones. */
  private static final ConcurrentHashMap<String, AtomicLong> HIGHEST_WATERMARK =
      new ConcurrentHashMap<>();

  private static final long NONE = BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis();
  /** Three missed fetches of the end offsets (one a second): the broker is away. */
  static final long BROKER_AWAY_AFTER_MS = 3_000;

  private final String broker;
  private final long maxOutOfOrderMs;
  private final long idlePartitionNanos;
  private final AtomicLong highestWatermark;
  private long maxStart = Long.MIN_VALUE;
  private long lastRecordNanos = System.nanoTime();
  private long watermark;

  StartTimePolicy(
      String runId, String broker, long maxOutOfOrderMs, long idlePartitionMs, Optional<Instant> previous) {
    this.broker = broker;
    this.maxOutOfOrderMs = maxOutOfOrderMs;
    this.idlePartitionNanos = idlePartitionMs * 1_000_000L;
    this.highestWatermark = HIGHEST_WATERMARK.computeIfAbsent(runId, id -> new AtomicLong(NONE));
    this.watermark = previous.map(Instant::getMillis).orElse(NONE);
  }

  @Override
  public Instant getTimestampForRecord(
      PartitionContext context, KafkaRecord<byte[], ParsedValue> record) {
    lastRecordNanos = System.nanoTime();
    ParseResult parsed = record.getKV().getValue().result;
    if (!parsed.isAccepted()) {
      // A record that will be rejected has no event time; keep it at the watermark.
      return new Instant(watermark);
    }
    long start = parsed.call().startAtMs();
    maxStart = Math.max(maxStart, start);
    return new Instant(start);
  }

  @Override
  public Instant getWatermark(PartitionContext context) {
    long now = System.currentTimeMillis();
    if (now - context.getBacklogCheckTime().getMillis() > BROKER_AWAY_AFTER_MS) {
      SourceOutages.brokerAway(broker, now);
    }
    long candidate = maxStart == Long.MIN_VALUE ? NONE : maxStart - maxOutOfOrderMs;
    if (isIdle(context)) {
      candidate = Math.max(candidate, highestWatermark.get());
    } else {
      highestWatermark.accumulateAndGet(candidate, Math::max);
    }
    watermark = Math.max(watermark, candidate);
    return new Instant(watermark);
  }

  private boolean isIdle(PartitionContext context) {
    return context.getMessageBacklog() <= 0
        && System.nanoTime() - lastRecordNanos >= idlePartitionNanos;
  }

  /** Creates one policy per partition; all partitions of one pipeline run share its run id. */
  static final class Factory implements TimestampPolicyFactory<byte[], ParsedValue> {
    private static final long serialVersionUID = 1L;
    private final String runId = UUID.randomUUID().toString();
    private final String broker;
    private final long maxOutOfOrderMs;
    private final long idlePartitionMs;

    /** @param broker the bootstrap servers, which name the broker to the linker ({@link SourceOutages}) */
    Factory(String broker, long maxOutOfOrderMs, long idlePartitionMs) {
      this.broker = broker;
      this.maxOutOfOrderMs = maxOutOfOrderMs;
      this.idlePartitionMs = idlePartitionMs;
    }

    @Override
    public TimestampPolicy<byte[], ParsedValue> createTimestampPolicy(
        TopicPartition partition, Optional<Instant> previousWatermark) {
      return new StartTimePolicy(runId, broker, maxOutOfOrderMs, idlePartitionMs, previousWatermark);
    }
  }
}

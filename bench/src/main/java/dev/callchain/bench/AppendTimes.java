package dev.callchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * When the broker appended records, read from the start of a topic stamped with its append time
 * ({@code LogAppendTime}): the input records of a realtime run with their ends, and the outputs of
 * some of them.
 */
final class AppendTimes {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrap;

  AppendTimes(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * The input records a run measures, by id, out of all those in the topic, which the broker
   * appended between {@code firstAppendedMs} and {@code lastAppendedMs}.
   */
  record Inputs(Map<String, LatencySample.Input> measured, long records, long firstAppendedMs,
                long lastAppendedMs) {
    /** The records over the time between the first append and the last: the rate the input came at. */
    double recordsPerSecond() {
      return lastAppendedMs > firstAppendedMs ? records * 1000.0 / (lastAppendedMs - firstAppendedMs) : Double.NaN;
    }
  }

  /** Reads every record the topic holds now and keeps those whose end and append time {@code measure} accepts. */
  Inputs inputs(String topic, Measure measure) {
    Map<String, LatencySample.Input> inputs = new HashMap<>();
    LongSummaryStatistics appended = new LongSummaryStatistics();
    readUntil(topic, System.currentTimeMillis(), () -> false, record -> {
      appended.accept(record.timestamp());
      JsonNode node;
      try {
        node = JSON.readTree(record.value());
      } catch (IOException e) {
        throw new UncheckedIOException("the simulator wrote a record that is not JSON: " + record.value(), e);
      }
      long end = node.get("end_at_ms").asLong();
      if (measure.accepts(end, record.timestamp())) {
        inputs.put(node.get("id").asText(), new LatencySample.Input(end, record.timestamp()));
      }
    });
    return new Inputs(inputs, appended.getCount(), appended.getMin(), appended.getMax());
  }

  /** Which input records a run measures, by their end and when they arrived. */
  interface Measure {
    boolean accepts(long endAtMs, long appendedMs);
  }

  /**
   * When each of {@code ids} had its output appended, for those output by {@code cutoffMs}: reads
   * until all have one, or (waiting till the cutoff) up to what the topic held at the cutoff.
   */
  Map<String, Long> outputs(String topic, Set<String> ids, long cutoffMs) {
    Map<String, Long> outputs = new HashMap<>();
    readUntil(topic, cutoffMs, () -> outputs.size() >= ids.size(), record -> {
      if (ids.contains(record.key()) && record.timestamp() <= cutoffMs) {
        outputs.put(record.key(), record.timestamp());
      }
    });
    return outputs;
  }

  /**
   * Reads the topic from its start and hands each record on, until {@code done} holds or the
   * reader has passed the end the topic had at {@code asOfMs} (waiting for that moment).
   */
  private void readUntil(String topic, long asOfMs, BooleanSupplier done,
                         Consumer<ConsumerRecord<String, String>> each) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
        FromStart.consumerConfig(bootstrap, "append-times"), new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = null;
      while (!done.getAsBoolean()) {
        if (end == null && System.currentTimeMillis() >= asOfMs) {
          end = new HashMap<>(consumer.endOffsets(partitions));
        }
        if (end != null && passed(consumer, end)) {
          return;
        }
        consumer.poll(POLL).forEach(each);
      }
    }
  }

  private static boolean passed(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}

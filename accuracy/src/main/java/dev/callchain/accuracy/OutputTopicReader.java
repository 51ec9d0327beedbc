package dev.callchain.accuracy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the pipeline's output topic from the earliest offset into a {@link LinkedOutput}
 * (upserting by id), until the caller has what it waits for and then nothing new has come for
 * a quiet period, or a timeout passes. Assigns every partition itself: no consumer group
 * rebalance to wait for, and no offsets committed.
 */
public final class OutputTopicReader {
  private static final Duration POLL = Duration.ofMillis(200);

  private final String bootstrapServers;
  private final String topic;

  public OutputTopicReader(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  /** Reads until no record has come for {@code quiet}, or {@code timeout} has passed. */
  public LinkedOutput readUntilQuiet(Duration quiet, Duration timeout) {
    return readUntil(output -> true, quiet, timeout);
  }

  /**
   * Reads until {@code ready} holds and no record has come for {@code quiet}, or {@code timeout}
   * has passed; the caller checks whether what it got is complete.
   */
  public LinkedOutput readUntil(Predicate<LinkedOutput> ready, Duration quiet, Duration timeout) {
    LinkedOutput output = new LinkedOutput();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer, deadline);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long lastRecord = System.nanoTime();
      while (System.nanoTime() < deadline
          && !(ready.test(output) && System.nanoTime() - lastRecord >= quiet.toNanos())) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          lastRecord = System.nanoTime();
          if (record.value() != null) {
            String where = record.topic() + "/" + record.partition() + "@" + record.offset();
            output.add(LinkedRecord.parse(record.value(), where));
          }
        }
      }
    }
    return output;
  }

  private KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            // A mistyped topic is reported, not created empty.
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
        new StringDeserializer(),
        new StringDeserializer());
  }

  /** The topic's partitions; waits for the topic to exist until the deadline. */
  private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, long deadline) {
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        return partitions;
      }
      if (System.nanoTime() >= deadline) {
        throw new IllegalStateException("topic " + topic + " not found at " + bootstrapServers);
      }
    }
  }
}

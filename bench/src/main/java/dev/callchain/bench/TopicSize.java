package dev.callchain.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How many records a topic holds so far: the sum of its partitions' end offsets, read without
 * reading a record. Exact for the systems' output topics, which no transaction writes to (a
 * transaction's markers would take offsets too).
 */
final class TopicSize implements AutoCloseable {
  private static final Duration ASK = Duration.ofSeconds(10);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;

  TopicSize(String bootstrap, String topic) {
    this.consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.partitions = consumer.partitionsFor(topic, ASK).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  long records() {
    return consumer.endOffsets(partitions, ASK).values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    consumer.close();
  }
}

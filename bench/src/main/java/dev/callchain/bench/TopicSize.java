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
 * reading a record, up to what is committed. Exact for a topic no transaction writes to. With
 * --exactlyOnce, each transaction's commit marker takes an offset in each partition it wrote: a
 * few per checkpoint, against thousands of records.
 */
final class TopicSize implements AutoCloseable {
  private static final Duration ASK = Duration.ofSeconds(10);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;

  TopicSize(String bootstrap, String topic) {
    this.consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
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

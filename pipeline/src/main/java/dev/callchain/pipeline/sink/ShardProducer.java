package dev.callchain.pipeline.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One shard's transactional producer: a transaction per bundle, whose records and whose
 * {@link ShardProgress} commit together. Its transactional id is the same in every run, so that a
 * new producer fences off one left behind by a lost TaskManager and aborts what it had open.
 */
final class ShardProducer implements AutoCloseable {
  private final String topic;
  private final String sinkGroup;
  private final TopicPartition progressKey;
  private final Producer<String, byte[]> producer;
  /** The progress in the topic when this producer took the shard over: what a replay must not write again. */
  private final ShardProgress committed;

  private ShardProducer(
      String topic, String sinkGroup, int shard, Producer<String, byte[]> producer, ShardProgress committed) {
    this.topic = topic;
    this.sinkGroup = sinkGroup;
    this.progressKey = new TopicPartition(topic, shard);
    this.producer = producer;
    this.committed = committed;
  }

  /**
   * Fences off any earlier producer of the shard (aborting its open transaction), then reads the
   * shard's committed progress.
   */
  static ShardProducer open(
      String topic, String sinkGroup, int shard, Map<String, Object> producerConfig, Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, sinkGroup + "-" + shard);
    Producer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    try {
      producer.initTransactions();
      return new ShardProducer(topic, sinkGroup, shard, producer, readProgress(topic, sinkGroup, shard, clientConfig));
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  /** Read committed: a progress still in an open transaction is waited for, not taken. */
  private static ShardProgress readProgress(
      String topic, String sinkGroup, int shard, Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, sinkGroup);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (Consumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition progressKey = new TopicPartition(topic, shard);
      OffsetAndMetadata offset = consumer.committed(Set.of(progressKey)).get(progressKey);
      return ShardProgress.parse(offset == null ? null : offset.metadata());
    }
  }

  ShardProgress committed() {
    return committed;
  }

  /**
   * Writes the records of {@code items} in one transaction with {@code progress}, leaving out those the topic
   * refuses for what they are, which come back. Any other failure is thrown: the job restarts from
   * its checkpoint, and the records come again.
   */
  <T> List<Refused<T>> write(List<T> items, Function<T, KV<String, byte[]>> recordOf, ShardProgress progress) {
    List<Refused<T>> refused = new ArrayList<>();
    List<T> toWrite = items;
    while (true) {
      producer.beginTransaction();
      List<Future<RecordMetadata>> sends = new ArrayList<>(toWrite.size());
      for (T item : toWrite) {
        KV<String, byte[]> record = recordOf.apply(item);
        sends.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
      }
      producer.flush();
      List<T> others = new ArrayList<>(toWrite.size());
      List<Refused<T>> refusedNow = new ArrayList<>();
      Exception otherFailure = null;
      for (int i = 0; i < sends.size(); i++) {
        Exception failure = failureOf(sends.get(i));
        if (failure != null && SendToKafka.refusedForItself(failure)) {
          refusedNow.add(new Refused<>(toWrite.get(i), failure));
        } else {
          others.add(toWrite.get(i));
          otherFailure = otherFailure == null ? failure : otherFailure;
        }
      }
      if (refusedNow.isEmpty() && otherFailure == null) {
        producer.sendOffsetsToTransaction(
            Map.of(progressKey, new OffsetAndMetadata(0, progress.metadata())), new ConsumerGroupMetadata(sinkGroup));
        producer.commitTransaction();
        return refused;
      }
      producer.abortTransaction();
      if (refusedNow.isEmpty()) {
        throw new IllegalStateException(
            "could not write to Kafka topic " + topic + ": " + otherFailure.getMessage(), otherFailure);
      }
      // A refused record spoils the whole transaction (the others fail with it): write them again.
      refused.addAll(refusedNow);
      toWrite = others;
    }
  }

  private static Exception failureOf(Future<RecordMetadata> send) {
    try {
      send.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause() instanceof Exception cause ? cause : e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing", e);
    }
  }

  /** What held a record the topic will not take, and why. */
  record Refused<T>(T item, Exception reason) {}

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}

package dev.callchain.nativeflink;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns the job's results into Kafka records for one topic. The record timestamp is left to the
 * producer (now): event times may be years old, and the broker's retention reads this stamp.
 */
final class KafkaRecords<T> implements KafkaRecordSerializationSchema<T> {
  private final String topic;
  private final SerializableFunction<T, byte[]> key;
  private final SerializableFunction<T, byte[]> value;

  /** @param key the record key, or null for none */
  KafkaRecords(
      String topic, SerializableFunction<T, byte[]> key, SerializableFunction<T, byte[]> value) {
    this.topic = topic;
    this.key = key;
    this.value = value;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic, null, null, key == null ? null : key.apply(element), value.apply(element));
  }
}

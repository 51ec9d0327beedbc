package dev.callchain.pipeline.io;

import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.Origin;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaReadSources;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads call logs from a Kafka topic, stamped with event time by {@link StartTimePolicy}. The
 * records' keys are ignored: producers spread them round-robin.
 */
public final class ReadCallLogsFromKafka extends PTransform<PBegin, PCollection<CallLog>> {
  private final KafkaSettings kafka;
  private final long maxOutOfOrderMs;
  private final long idlePartitionMs;
  private final Long maxRecords;

  /** @param maxRecords stop after this many records (a finite run), or null to read forever */
  public ReadCallLogsFromKafka(
      KafkaSettings kafka, long maxOutOfOrderMs, long idlePartitionMs, Long maxRecords) {
    this.kafka = kafka;
    this.maxOutOfOrderMs = maxOutOfOrderMs;
    this.idlePartitionMs = idlePartitionMs;
    this.maxRecords = maxRecords;
  }

  @Override
  public PCollection<CallLog> expand(PBegin begin) {
    KafkaIO.Read<byte[], ParsedValue> read =
        KafkaIO.<byte[], ParsedValue>read()
            .withBootstrapServers(kafka.bootstrapServers())
            .withTopic(kafka.inputTopic())
            .withKeyDeserializerAndCoder(
                ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
            .withValueDeserializerAndCoder(
                ParsedValue.ParsingDeserializer.class, ParsedValue.ParsedValueCoder.of())
            .withConsumerConfigUpdates(consumerConfigUpdates(kafka))
            .withTimestampPolicyFactory(new StartTimePolicy.Factory(kafka.bootstrapServers(), maxOutOfOrderMs, idlePartitionMs))
            .commitOffsetsInFinalize();
    // KafkaIO's own expansion on these runners, with the reader's metrics kept off the runner's
    // per-record path (see UnmeteredSource).
    Read.Unbounded<KafkaRecord<byte[], ParsedValue>> unbounded =
        Read.from(new UnmeteredSource<>(KafkaReadSources.of(read)));
    PCollection<KafkaRecord<byte[], ParsedValue>> records =
        maxRecords == null
            ? begin.apply("ReadKafka", unbounded)
            : begin.apply("ReadKafka", unbounded.withMaxNumRecords(maxRecords));
    return records.apply("ToCallLog", ParDo.of(new ToCallLogFn()));
  }

  /**
   * The --kafkaProperties settings (SASL, TLS, ...) and callchain's own, which those may not make
   * ({@link KafkaClientProperties}). KafkaIO gives the same to the consumer that reads partitions'
   * end offsets.
   */
  static Map<String, Object> consumerConfigUpdates(KafkaSettings kafka) {
    Map<String, Object> consumer = new HashMap<>(kafka.clientProperties().settings());
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.consumerGroup());
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, kafka.autoOffsetReset());
    return consumer;
  }

  static final class ToCallLogFn extends DoFn<KafkaRecord<byte[], ParsedValue>, CallLog> {
    @ProcessElement
    public void processElement(
        @Element KafkaRecord<byte[], ParsedValue> record, OutputReceiver<CallLog> out) {
      ParsedValue value = record.getKV().getValue();
      out.output(
          new CallLog(
              value.raw,
              Origin.kafka(record.getTopic(), record.getPartition(), record.getOffset()),
              value.result));
    }
  }
}

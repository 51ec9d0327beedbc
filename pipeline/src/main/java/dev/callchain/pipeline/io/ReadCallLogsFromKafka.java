package dev.callchain.pipeline.io;

import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.Origin;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
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
    KafkaIO.Read<byte[], byte[]> read =
        KafkaIO.<byte[], byte[]>read()
            .withBootstrapServers(kafka.bootstrapServers())
            .withTopic(kafka.inputTopic())
            .withKeyDeserializer(ByteArrayDeserializer.class)
            .withValueDeserializer(ByteArrayDeserializer.class)
            .withConsumerConfigUpdates(
                Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, kafka.consumerGroup(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, kafka.autoOffsetReset()))
            .withTimestampPolicyFactory(new StartTimePolicy.Factory(maxOutOfOrderMs, idlePartitionMs))
            .commitOffsetsInFinalize();
    if (maxRecords != null) {
      read = read.withMaxNumRecords(maxRecords);
    }
    return begin.apply("ReadKafka", read).apply("ToCallLog", ParDo.of(new ToCallLogFn()));
  }

  static final class ToCallLogFn extends DoFn<KafkaRecord<byte[], byte[]>, CallLog> {
    private static final byte[] EMPTY = new byte[0];

    @ProcessElement
    public void processElement(@Element KafkaRecord<byte[], byte[]> record, OutputReceiver<CallLog> out) {
      byte[] value = record.getKV().getValue();
      out.output(
          new CallLog(
              value == null ? EMPTY : value,
              Origin.kafka(record.getTopic(), record.getPartition(), record.getOffset())));
    }
  }
}

package dev.callchain.pipeline.sink;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.io.KafkaSettings;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.Rejection;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes keyed JSON records to a Kafka topic exactly once (--exactlyOnce): each record goes to a
 * shard by its key, and each shard writes in Kafka transactions that commit once the runner's
 * checkpoint holding their records is complete ({@link WriteInTransactionsFn}). Readers see them
 * with {@code isolation.level=read_committed}, about one checkpoint interval later than at least
 * once. Returns the records the topic refused, as {@link SendToKafka} does.
 *
 * <p>Not KafkaIO's exactly-once sink: on the FlinkRunner it commits one transaction per record
 * (its shuffle fires per element), five broker round trips each, inside the checkpoint's
 * completion, so after a restore its backlog never drained and no checkpoint completed again.
 */
public final class SendToKafkaInTransactions
    extends PTransform<PCollection<KV<String, byte[]>>, PCollection<DeadLetter>> {
  private final KafkaSettings kafka;
  private final String topic;
  private final int maxRecordBytes;
  /** This submission: a job restored from its checkpoints keeps it, a new one gets another. */
  private final String run = UUID.randomUUID().toString();

  public SendToKafkaInTransactions(KafkaSettings kafka, String topic, int maxRecordBytes) {
    this.kafka = kafka;
    this.topic = topic;
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * The Kafka group under which the shards keep their progress: one per job (its consumer group)
   * and topic, and stable across restarts and resumes, which must find it again. Each shard's
   * transactional id is this group and the shard's number.
   */
  static String sinkGroup(KafkaSettings kafka, String topic) {
    return kafka.consumerGroup() + ".exactly-once." + topic;
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<KV<String, byte[]>> records) {
    int shards = partitions();
    return records
        .apply(
            "ToShards",
            WithKeys.<Integer, KV<String, byte[]>>of(record -> Math.floorMod(record.getKey().hashCode(), shards))
                .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of())))
        .apply(
            "WriteInTransactions",
            ParDo.of(
                new WriteInTransactionsFn(
                    topic,
                    sinkGroup(kafka, topic),
                    run,
                    SendToKafka.producerConfig(kafka, maxRecordBytes),
                    kafka.clientConfig())))
        .setCoder(DeadLetter.DeadLetterCoder.of())
        .apply("CountRefused", ParDo.of(new CountRefusedFn()))
        .setCoder(DeadLetter.DeadLetterCoder.of());
  }

  /** Counts what the topic refused, where the runner has the metrics' scope set. */
  private static final class CountRefusedFn extends DoFn<DeadLetter, DeadLetter> {
    private final Counter refused = CallchainMetrics.counter(Rejection.SINK_REFUSED.counterName());

    @ProcessElement
    public void processElement(@Element DeadLetter deadLetter, OutputReceiver<DeadLetter> out) {
      refused.inc();
      out.output(deadLetter);
    }
  }

  /** One shard per partition of the topic: as many producers as the topic can take in parallel. */
  private int partitions() {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      return consumer.partitionsFor(topic).size();
    }
  }
}

package dev.callchain.pipeline.sink;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.io.KafkaClientProperties;
import dev.callchain.pipeline.io.KafkaSettings;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.model.Rejection;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.joda.time.Instant;
import org.slf4j.LoggerFactory;

/**
 * Writes keyed JSON records to a Kafka topic, at least once (acks=all, idempotent), and returns
 * the records the broker refused for what they are (too large for the topic, invalid), each as a
 * dead letter ({@link Rejection#SINK_REFUSED}) named by its key. Beam's KafkaIO writer fails the
 * bundle on any refused record, so one record a topic will never take restarts the job forever.
 *
 * <p>Any other failure (the broker away past the producer's delivery timeout, no such topic, no
 * permission) still fails the bundle: the job restarts from its last checkpoint and writes again,
 * so nothing is lost.
 */
public final class SendToKafka extends PTransform<PCollection<KV<String, byte[]>>, PCollection<DeadLetter>> {
  /** Room for the key and the record's framing beside a value of --maxRecordBytes. */
  private static final int FRAMING_BYTES = 64 * 1024;

  private final KafkaSettings kafka;
  private final String topic;
  private final int maxRecordBytes;

  public SendToKafka(KafkaSettings kafka, String topic, int maxRecordBytes) {
    this.kafka = kafka;
    this.topic = topic;
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<KV<String, byte[]>> records) {
    return records
        .apply("Send", ParDo.of(new SendFn(topic, producerConfig(kafka, maxRecordBytes))))
        .setCoder(DeadLetter.DeadLetterCoder.of());
  }

  /**
   * The --kafkaProperties settings (SASL, TLS, ...) and callchain's own, which those may not make
   * ({@link KafkaClientProperties}).
   */
  static Map<String, Object> producerConfig(KafkaSettings kafka, int maxRecordBytes) {
    Map<String, Object> producer = kafka.clientConfig();
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producer.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Kafka's own default (1 MiB) unless --maxRecordBytes asks for more.
    producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1 << 20, maxRecordBytes + FRAMING_BYTES));
    return producer;
  }

  /** A record that failed for what it is: sending it again would fail again. */
  static boolean refusedForItself(Exception failure) {
    return failure instanceof RecordTooLargeException
        || failure instanceof RecordBatchTooLargeException
        || failure instanceof InvalidRecordException;
  }

  /** The dead letter of a record {@code topic} refused for what it is, logged. */
  static DeadLetter refused(String topic, KV<String, byte[]> record, Exception reason) {
    String detail =
        String.format("topic %s refused the record (%,d bytes): %s", topic, record.getValue().length, reason.getMessage());
    LoggerFactory.getLogger(SendToKafka.class).warn("{}, key {}", detail, record.getKey());
    return new DeadLetter(record.getValue(), Rejection.SINK_REFUSED, detail, Origin.linkedCall(record.getKey()));
  }

  static final class SendFn extends DoFn<KV<String, byte[]>, DeadLetter> {
    private final String topic;
    private final HashMap<String, Object> producerConfig;
    private final Counter refusedCount = CallchainMetrics.counter(Rejection.SINK_REFUSED.counterName());

    private transient Producer<String, byte[]> producer;
    /** Filled by the producer's I/O thread, drained when the bundle finishes. */
    private transient Queue<Refusal> refusals;
    private transient AtomicReference<Exception> failure;

    SendFn(String topic, Map<String, Object> producerConfig) {
      this.topic = topic;
      this.producerConfig = new HashMap<>(producerConfig);
    }

    private record Refusal(KV<String, byte[]> record, Exception reason, Instant timestamp, BoundedWindow window) {}

    @Setup
    public void setup() {
      producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
      refusals = new ConcurrentLinkedQueue<>();
      failure = new AtomicReference<>();
    }

    @ProcessElement
    public void processElement(
        @Element KV<String, byte[]> record, @Timestamp Instant timestamp, BoundedWindow window)
        throws IOException {
      throwFailure();
      producer.send(
          new ProducerRecord<>(topic, record.getKey(), record.getValue()),
          (metadata, sendFailure) -> {
            if (sendFailure == null) {
              return;
            }
            if (refusedForItself(sendFailure)) {
              refusals.add(new Refusal(record, sendFailure, timestamp, window));
            } else {
              failure.compareAndSet(null, sendFailure);
            }
          });
    }

    /** Waits for every send of the bundle, so that a checkpoint after it covers them all. */
    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      producer.flush();
      throwFailure();
      for (Refusal refusal; (refusal = refusals.poll()) != null; ) {
        refusedCount.inc();
        context.output(refused(topic, refusal.record(), refusal.reason()), refusal.timestamp(), refusal.window());
      }
    }

    /** A read per record, and a write only once a send failed. */
    private void throwFailure() throws IOException {
      if (failure.get() == null) {
        return;
      }
      Exception first = failure.getAndSet(null);
      if (first != null) {
        throw new IOException("could not write to Kafka topic " + topic + ": " + first.getMessage(), first);
      }
    }

    @Teardown
    public void teardown() {
      if (producer != null) {
        producer.close(Duration.ofSeconds(10));
      }
    }
  }
}

package dev.callchain.pipeline.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Writes to and reads from a real broker's topics in tests. */
public final class Topics {
  private final String bootstrapServers;
  private final Map<String, Object> clientConfig;

  public Topics(String bootstrapServers) {
    this(bootstrapServers, Map.of());
  }

  /** With {@code clientConfig} (a SASL login, ...) given to every client besides the servers. */
  public Topics(String bootstrapServers, Map<String, Object> clientConfig) {
    this.bootstrapServers = bootstrapServers;
    this.clientConfig = clientConfig;
  }

  /** A message as the broker takes it, in raw bytes: a null key is none, a null value a tombstone. */
  public record Message(byte[] key, byte[] value) {
    /** A UTF-8 value with no key. */
    public static Message of(String value) {
      return new Message(null, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Sends each value to the given partition, no key, and waits for every ack. */
  public void send(String topic, List<String> values, List<Integer> partitions) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int i = 0; i < values.size(); i++) {
        Message message = Message.of(values.get(i));
        producer.send(new ProducerRecord<>(topic, partitions.get(i), message.key(), message.value())).get();
      }
    }
  }

  /**
   * Keeps sending {@code valueAt(0)}, {@code valueAt(1)}, ... round-robin over the partitions, a
   * few every 10 ms so as to make {@code perSecond}, until closed: a live stream that never
   * pauses.
   */
  public AutoCloseable feed(String topic, int partitions, int perSecond, LongFunction<String> valueAt) {
    KafkaProducer<byte[], byte[]> producer = producer();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sender =
        new Thread(
            () -> pace(producer, topic, partitions, perSecond, Long.MAX_VALUE, i -> Message.of(valueAt.apply(i)),
                running::get, null),
            "feed-" + topic);
    sender.setDaemon(true);
    sender.start();
    return () -> {
      running.set(false);
      sender.join();
      producer.close();
    };
  }

  /**
   * Sends the messages as {@link #feed} does, paced and round-robin, and returns once the broker
   * has taken them all, or throws what it refused. They land in order: on a topic that was empty,
   * message {@code i} is at partition {@code i % partitions}, offset {@code i / partitions}.
   */
  public void feedAll(String topic, int partitions, int perSecond, List<Message> messages) throws Exception {
    AtomicReference<Exception> refused = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      pace(producer, topic, partitions, perSecond, messages.size(), i -> messages.get((int) i), () -> true,
          (metadata, e) -> refused.compareAndSet(null, e));
      producer.flush();
    }
    if (refused.get() != null) {
      throw refused.get();
    }
  }

  private static void pace(
      KafkaProducer<byte[], byte[]> producer, String topic, int partitions, int perSecond, long count,
      LongFunction<Message> messageAt, BooleanSupplier running, Callback acked) {
    long sent = 0;
    long started = System.nanoTime();
    while (sent < count && running.getAsBoolean()) {
      long due = Math.min(count, (System.nanoTime() - started) / 1_000_000L * perSecond / 1000);
      for (; sent < due; sent++) {
        Message message = messageAt.apply(sent);
        producer.send(
            new ProducerRecord<>(topic, (int) (sent % partitions), message.key(), message.value()), acked);
      }
      LockSupport.parkNanos(10_000_000L);
    }
  }

  /**
   * Idempotent, so that retries keep each partition's order; and taking values over Kafka's
   * default 1 MiB, for a topic created with a larger {@code max.message.bytes}.
   */
  private KafkaProducer<byte[], byte[]> producer() {
    Properties config = config();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Each partition's end offset now: on a topic never transactional or trimmed, how many records it holds. */
  public Map<Integer, Long> endOffsets(String topic) {
    Properties config = config();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      Map<Integer, Long> ends = new TreeMap<>();
      consumer.endOffsets(partitions).forEach((partition, end) -> ends.put(partition.partition(), end));
      return ends;
    }
  }

  /** Reads the topic from the start until {@code done} holds for what was read, or time runs out. */
  public List<ConsumerRecord<String, String>> readUntil(
      String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
    Properties config = config();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (!done.test(read) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }

  private Properties config() {
    Properties config = new Properties();
    config.putAll(clientConfig);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }
}

package dev.callchain.pipeline.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

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

  /** Sends each value to the given partition, no key, and waits for every ack. */
  public void send(String topic, List<String> values, List<Integer> partitions) throws Exception {
    Properties config = config();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < values.size(); i++) {
        producer.send(new ProducerRecord<>(topic, partitions.get(i), null, values.get(i))).get();
      }
    }
  }

  /**
   * Keeps sending {@code valueAt(0)}, {@code valueAt(1)}, ... round-robin over the partitions, a
   * few every 10 ms so as to make {@code perSecond}, until closed: a live stream that never
   * pauses.
   */
  public AutoCloseable feed(String topic, int partitions, int perSecond, LongFunction<String> valueAt) {
    Properties config = config();
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sender =
        new Thread(
            () -> {
              long sent = 0;
              long started = System.nanoTime();
              while (running.get()) {
                long due = (System.nanoTime() - started) / 1_000_000L * perSecond / 1000;
                for (; sent < due; sent++) {
                  producer.send(new ProducerRecord<>(topic, (int) (sent % partitions), null, valueAt.apply(sent)));
                }
                LockSupport.parkNanos(10_000_000L);
              }
            },
            "feed-" + topic);
    sender.setDaemon(true);
    sender.start();
    return () -> {
      running.set(false);
      sender.join();
      producer.close();
    };
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

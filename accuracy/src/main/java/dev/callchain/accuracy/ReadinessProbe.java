package dev.callchain.accuracy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Proves that a streaming pipeline reads every partition of its input and writes its output:
 * one probe call per partition, from and to addresses of its own (so it links to nothing) and an
 * hour before the data (so it moves no watermark), comes out by the idle flush. Records sent
 * after that are read as they arrive, not as a backlog.
 */
final class ReadinessProbe {
  static final String ID_PREFIX = "probe-";
  private static final long BEFORE_DATA_MS = 3_600_000;

  private ReadinessProbe() {}

  /** Sends the probes and waits until all are in the output topic; false if time ran out. */
  static boolean await(String bootstrapServers, String inputTopic, int partitions, String outputTopic,
      long dataStartMs, Duration timeout) throws InterruptedException, ExecutionException {
    List<String> ids = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new StringSerializer())) {
      long start = dataStartMs - BEFORE_DATA_MS;
      for (int partition = 0; partition < partitions; partition++) {
        String id = ID_PREFIX + partition;
        ids.add(id);
        String call = "{\"id\":\"" + id + "\",\"src_ip\":\"" + id + "-caller\",\"dst_ip\":\"" + id
            + "-callee\",\"start_at_ms\":" + start + ",\"end_at_ms\":" + (start + 1) + "}";
        producer.send(new ProducerRecord<>(inputTopic, partition, null, call)).get();
      }
    }
    LinkedOutput output = new OutputTopicReader(bootstrapServers, outputTopic)
        .readUntil(read -> ids.stream().allMatch(id -> read.get(id) != null), Duration.ZERO, timeout);
    return ids.stream().allMatch(id -> output.get(id) != null);
  }

  static boolean isProbe(String id) {
    return id.startsWith(ID_PREFIX);
  }
}

package dev.callchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: a plain KafkaConsumer that reads a topic from the start and parses every value
 * with Jackson, nothing else. Usage: {@code RawReadChild BOOTSTRAP TOPIC RECORDS}.
 */
public final class RawReadChild {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration GIVE_UP = Duration.ofMinutes(5);

  private RawReadChild() {}

  public static void main(String[] args) throws IOException {
    String bootstrap = args[0];
    String topic = args[1];
    long expected = Long.parseLong(args[2]);
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> config = FromStart.consumerConfig(bootstrap, "raw");
    long read = 0;
    long fieldsSeen = 0;
    long peakHeap;
    long started = System.nanoTime();
    long deadline = started + GIVE_UP.toNanos();
    try (HeapSampler heap = HeapSampler.start();
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (read < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          JsonNode node = json.readTree(record.value());
          fieldsSeen += node.size(); // uses the parse, so the JIT cannot drop it
          read++;
        }
      }
      peakHeap = heap.peakBytes();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.println(
        new ChildResult(read, seconds, peakHeap, Map.of("fields_parsed", fieldsSeen)).toLine());
    System.exit(read == expected ? 0 : 1);
  }
}

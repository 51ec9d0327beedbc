package dev.callchain.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class OutputTopicReaderTest {
  @Test
  void readsEveryPartitionFromTheStartAndKeepsTheHighestRevision() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopic("linked", 3);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
          new StringSerializer(), new StringSerializer())) {
        // The revisions of "a" land on different partitions: read order says nothing of their order.
        producer.send(new ProducerRecord<>("linked", 0, "a", Outputs.revised("a", List.of("x", "y"), 2))).get();
        producer.send(new ProducerRecord<>("linked", 1, "a", Outputs.revised("a", List.of("x"), 1))).get();
        producer.send(new ProducerRecord<>("linked", 2, "b", Outputs.line("b", "10.1.0.1", List.of()))).get();
      }
      LinkedOutput output = new OutputTopicReader(broker.bootstrapServers(), "linked")
          .readUntilQuiet(Duration.ofSeconds(2), Duration.ofSeconds(60));
      assertEquals(2, output.size());
      assertEquals(List.of("x", "y"), output.get("a").parents());
      assertEquals(1, output.duplicates());
    }
  }
}

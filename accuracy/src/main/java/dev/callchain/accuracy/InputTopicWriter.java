package dev.callchain.accuracy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a JSON Lines file of call records to a topic in file order, without a key, round-robin
 * over the partitions as the simulator's Kafka sink does, so each partition is in delivery order.
 */
final class InputTopicWriter {
  private InputTopicWriter() {}

  /** Returns the number of records sent; every send is acknowledged before this returns. */
  static int send(Path calls, String bootstrapServers, String topic, int partitions)
      throws IOException, InterruptedException, ExecutionException {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10),
            new StringSerializer(), new StringSerializer());
        BufferedReader lines = Files.newBufferedReader(calls, StandardCharsets.UTF_8)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          acks.add(producer.send(new ProducerRecord<>(topic, acks.size() % partitions, null, line)));
        }
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(); // throws if that record was refused
      }
      return acks.size();
    }
  }
}

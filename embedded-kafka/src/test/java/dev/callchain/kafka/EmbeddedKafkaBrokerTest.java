package dev.callchain.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final int PARTITIONS = 5;

    @Test
    void deliversEveryRecordOnceOverAllPartitionsThenShutsDownClean() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Path dataDir = broker.dataDir();
        int port = Integer.parseInt(broker.bootstrapServers().substring("127.0.0.1:".length()));
        try {
            broker.createTopic("calls", PARTITIONS);
            int n = 1000;
            produce(broker, "calls", PARTITIONS, n);

            List<ConsumerRecord<String, String>> records = consumeAll(broker, "calls", n);
            List<String> values = records.stream().map(ConsumerRecord::value).toList();
            assertEquals(n, values.size());
            assertEquals(
                    IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.toSet()),
                    new HashSet<>(values));
            Map<Integer, Long> perPartition = records.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.counting()));
            assertEquals(PARTITIONS, perPartition.size());
            perPartition.values().forEach(count -> assertEquals(n / PARTITIONS, count.longValue()));
        } finally {
            broker.close();
        }
        broker.close(); // idempotent

        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        });
        assertFalse(Files.exists(dataDir), "temp dir should be deleted: " + dataDir);
    }

    @Test
    void twoBrokersRunSideBySideAndCallerDataDirIsKept(@TempDir Path callerDir) throws Exception {
        Path dataDir = callerDir.resolve("kafka");
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start();
                EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(0, dataDir)) {
            assertNotEquals(first.bootstrapServers(), second.bootstrapServers());
            for (EmbeddedKafkaBroker broker : List.of(first, second)) {
                broker.createTopic("t", 2);
                broker.createTopic("t", 2); // already there: no error
                produce(broker, "t", 2, 10);
            }
            assertEquals(10, consumeAll(first, "t", 10).size());
            assertEquals(10, consumeAll(second, "t", 10).size());
        }
        assertTrue(Files.exists(dataDir.resolve("meta.properties")), "caller's dir must survive close");
    }

    @Test
    void aSaslBrokerServesItsUserAndRefusesAWrongPassword() throws Exception {
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.startWithSaslPlain(new SaslPlain("callchain", "right-password"))) {
            broker.createTopic("secured", 2);
            produce(broker, "secured", 2, 10);
            assertEquals(10, consumeAll(broker, "secured", 10).size());

            Map<String, Object> wrong = new HashMap<>(SaslPlain.clientConfig("callchain", "wrong-password"));
            wrong.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(wrong)) {
                ExecutionException refused =
                        assertThrows(ExecutionException.class, () -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
                assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
            }
        }
    }

    /** Sends values 0..n-1, round-robin over the partitions. */
    private static void produce(EmbeddedKafkaBroker broker, String topic, int partitions, int n) {
        Map<String, Object> config = new HashMap<>();
        config.putAll(broker.clientConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, Integer.toString(i)));
            }
            producer.flush();
        }
    }

    /** Reads every partition from the start until {@code expected} records came, or 20 s passed. */
    private static List<ConsumerRecord<String, String>> consumeAll(
            EmbeddedKafkaBroker broker, String topic, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.putAll(broker.clientConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // One more poll: anything beyond the expected count would be a duplicate.
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}

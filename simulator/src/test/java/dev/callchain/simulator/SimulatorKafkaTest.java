package dev.callchain.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against a real (in-process, KRaft) Kafka broker. */
class SimulatorKafkaTest {
    private static final String[] SEEDED_MODEL = {"--count", "500", "--interval", "2", "--std-dev", "1",
        "--seed", "99", "--id-prefix", "msg_", "--base-time-ms", "0", "--progress-every", "0"};

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static RunSummary runIntoKafka(String topic, String partitions) throws IOException {
        String[] args = Stream.concat(Stream.of(SEEDED_MODEL), Stream.of("--bootstrap", broker.bootstrapServers(),
                "--topic", topic, "--partitions", partitions)).toArray(String[]::new);
        return SimulationRun.simulator(args).run();
    }

    /** Everything in the topic, by partition, each in offset order. */
    private static Map<Integer, List<ConsumerRecord<byte[], byte[]>>> consumeAll(String topic, long expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // Past the expected count, one more quiet poll shows that nothing extra arrives.
            boolean quietAfterAll = false;
            while (!quietAfterAll && System.nanoTime() < deadline) {
                int polled = 0;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                    polled++;
                }
                received += polled;
                quietAfterAll = received >= expected && polled == 0;
            }
        }
        return byPartition;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void everyRecordArrivesExactlyOnceRoundRobinOverFivePartitions() throws IOException {
        String topic = "records-five";
        RunSummary summary = runIntoKafka(topic, "5");
        SimulationRun sameSeedToFile = SimulationRun.of(dir, SEEDED_MODEL);

        assertEquals(500, summary.traces());
        assertEquals(summary.records(), summary.recordsSent(), "every record acknowledged");
        assertEquals(0, summary.sendErrors());
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = consumeAll(topic, summary.recordsSent());

        assertEquals(Set.of(0, 1, 2, 3, 4), byPartition.keySet(), "all partitions used");
        List<String> fileLines = Files.readAllLines(sameSeedToFile.out);
        long consumed = byPartition.values().stream().mapToLong(List::size).sum();
        assertEquals(summary.recordsSent(), consumed, "exactly the records sent, no duplicates");
        for (Map.Entry<Integer, List<ConsumerRecord<byte[], byte[]>>> partition : byPartition.entrySet()) {
            // Round-robin in delivery order: partition p holds deliveries p, p + 5, p + 10, ...
            List<String> expected = new ArrayList<>();
            for (int i = partition.getKey(); i < fileLines.size(); i += 5) {
                expected.add(fileLines.get(i));
            }
            List<String> values = partition.getValue().stream().map(record -> text(record.value())).toList();
            assertEquals(expected, values, "partition " + partition.getKey());
            partition.getValue().forEach(record -> assertNull(record.key(), "records carry no key"));
        }
        Set<String> truthIds = sameSeedToFile.truthLines.stream().map(line -> line.get("id").asText())
                .collect(Collectors.toSet());
        assertEquals(truthIds, new HashSet<>(sameSeedToFile.recordsById().keySet()));
        assertEquals(truthIds.size(), consumed, "ids unique and equal to the ground truth's");
    }

    @Test
    void anExistingTopicKeepsItsPartitionsAndAllOfThemAreUsed() throws IOException {
        String topic = "records-three";
        broker.createTopic(topic, 3);
        RunSummary summary = runIntoKafka(topic, "5");
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = consumeAll(topic, summary.recordsSent());
        assertEquals(Set.of(0, 1, 2), byPartition.keySet());
        int fewest = byPartition.values().stream().mapToInt(List::size).min().orElseThrow();
        int most = byPartition.values().stream().mapToInt(List::size).max().orElseThrow();
        assertTrue(most - fewest <= 1, "round-robin: " + fewest + " to " + most);
        assertEquals(summary.recordsSent(), byPartition.values().stream().mapToLong(List::size).sum());
    }
}

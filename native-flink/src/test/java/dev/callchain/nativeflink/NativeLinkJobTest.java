package dev.callchain.nativeflink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.CallchainMain;
import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.Rejection;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.BadCallLogs;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against a real in-process broker: simulated traces, out of order within the bound,
 * spread over four of five partitions (one stays empty), read bounded.
 */
class NativeLinkJobTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PARTITIONS = 5;
  private static final int USED_PARTITIONS = 4;

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static Topics topics;
  /** About 500 calls over 50 s of event time: the watermark passes most of them mid-run. */
  private static List<String> simulated;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start();
    topics = new Topics(broker.bootstrapServers());
    simulated = SimulatedCallLogs.lines(dir, 100, 500, 11);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void linksExactlyByTheAllPairsRuleAndDeadLettersTheMalformedRecords() throws Exception {
    List<String> values = new ArrayList<>(simulated);
    List<String> bad = new ArrayList<>(BadCallLogs.EXAMPLES.values());
    bad.remove(BadCallLogs.EXAMPLES.get(Rejection.TOO_LARGE)); // over the broker's own limit
    for (int i = 0; i < bad.size(); i++) {
      values.add(37 * i + 5, bad.get(i));
    }
    List<CallRecord> calls = simulated.stream().map(LinkedOutput::call).toList();

    NativeLinkJob.Result result = runBounded("exact", values);

    List<ConsumerRecord<String, String>> linked = read("exact-out", calls.size());
    assertEquals(AllPairsOracle.links(calls), LinkedOutput.linksKeyedById(linked));
    assertEquals(values.size(), result.recordsRead());
    assertEquals(calls.size(), result.recordsEmitted());
    assertEquals(bad.size(), result.deadLetters());
    long parentEntries = 0; // one per link
    for (ConsumerRecord<String, String> record : linked) {
      parentEntries += LinkedOutput.read(record.value()).get("parents").size();
    }
    assertEquals(parentEntries, result.links());
    assertEquals(0, result.counter(CallchainMetrics.LATE_CALLS), "the data is within the bound");

    // Each dead letter names the partition and offset its original was sent to.
    Map<String, String> expectedOrigins = new TreeMap<>();
    long[] nextOffset = new long[PARTITIONS];
    for (int i = 0; i < values.size(); i++) {
      int partition = i % USED_PARTITIONS;
      long offset = nextOffset[partition]++;
      if (bad.contains(values.get(i))) {
        expectedOrigins.put(values.get(i), "exact-in/" + partition + "@" + offset);
      }
    }
    Map<String, String> origins = new TreeMap<>();
    for (ConsumerRecord<String, String> letter : read("exact-dead", bad.size())) {
      JsonNode node = LinkedOutput.read(letter.value());
      JsonNode origin = node.get("origin");
      origins.put(
          node.get("original").asText(),
          origin.get("topic").asText() + "/" + origin.get("partition").asInt() + "@"
              + origin.get("offset").asLong());
    }
    assertEquals(expectedOrigins, origins);
  }

  @Test
  void writesTheSameBytesForEachIdAsTheBeamPipeline() throws Exception {
    List<String> values = new ArrayList<>(simulated);
    // Fields the linker does not read, an integer id, times as strings and fractions, no end.
    values.add(
        3,
        "{\"id\":42,\"src_ip\":\"10.9.0.1\",\"dst_ip\":\"10.9.0.2\","
            + "\"start_at_ms\":\"1700000001000.9\",\"latency_msec\":12.5,"
            + "\"trace\":{\"k\":[1,2.50,\"x\"]},\"note\":\"h\\u00e9 \u00e9\"}");
    values.add(
        9,
        "{\"note\":null,\"id\":\"inner\",\"src_ip\":\"10.9.0.2\",\"dst_ip\":\"10.9.0.3\","
            + "\"start_at_ms\":1700000001001,\"end_at_ms\":1700000001010.7}");
    Path input = dir.resolve("same-bytes.jsonl");
    Files.write(input, values, StandardCharsets.UTF_8);
    Path beamOutput = dir.resolve("beam-linked.jsonl");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
    CallchainMain.Run beam =
        CallchainMain.execute(
            new String[] {
              "--runner=DirectRunner",
              "--inputFile=" + input,
              "--outputFile=" + beamOutput,
              "--deadLetterFile=" + dir.resolve("beam-dead.jsonl")
            },
            Map.of(),
            logStream,
            logStream);
    assertEquals(0, beam.exitCode(), log.toString(StandardCharsets.UTF_8));
    Map<String, String> expected = new TreeMap<>();
    for (String line : Files.readAllLines(beamOutput, StandardCharsets.UTF_8)) {
      expected.put(LinkedOutput.field(line, "id"), line);
    }

    runBounded("bytes", values);

    Map<String, String> actual = new TreeMap<>();
    for (ConsumerRecord<String, String> record : read("bytes-out", values.size())) {
      actual.put(record.key(), record.value());
    }
    assertEquals(values.size(), expected.size());
    assertEquals(expected, actual);
  }

  private static NativeLinkJob.Result runBounded(String name, List<String> values)
      throws Exception {
    broker.createTopic(name + "-in", PARTITIONS);
    broker.createTopic(name + "-out", PARTITIONS);
    broker.createTopic(name + "-dead", 1);
    List<Integer> partitions = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      partitions.add(i % USED_PARTITIONS);
    }
    topics.send(name + "-in", values, partitions);
    return NativeLinkJob.run(
        NativeLinkSettings.parse(
            "--bootstrapServers=" + broker.bootstrapServers(),
            "--inputTopic=" + name + "-in",
            "--outputTopic=" + name + "-out",
            "--deadLetterTopic=" + name + "-dead",
            "--groupId=" + name,
            "--maxOutOfOrderMs=" + (SimulatedCallLogs.MAX_DELAY_MS + 1000),
            "--idleFlushMs=3600000",
            "--bounded"));
  }

  private static List<ConsumerRecord<String, String>> read(String topic, int count) {
    List<ConsumerRecord<String, String>> records =
        topics.readUntil(topic, read -> read.size() >= count, WAIT);
    assertEquals(count, records.size(), topic);
    return records;
  }
}

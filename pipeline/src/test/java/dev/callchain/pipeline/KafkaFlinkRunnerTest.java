package dev.callchain.pipeline;

import static dev.callchain.pipeline.testing.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.Rejection;
import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.OptionsReader;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.ArrivalStream;
import dev.callchain.pipeline.testing.BadCallLogs;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.TestCalls;
import dev.callchain.pipeline.testing.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka to Kafka on the FlinkRunner's embedded cluster, streaming, against a real in-process
 * broker: event time from the records (a 2020 backfill), a partition that never receives
 * anything, dead letters on their topic, and the idle flush when the source goes quiet.
 */
class KafkaFlinkRunnerTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static EmbeddedKafkaBroker broker;
  private static Topics topics;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start();
    topics = new Topics(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private PipelineResult start(String name, String... extra) {
    return KafkaJobs.start(broker, name, extra);
  }

  @Test
  void aBackfillWithAnEmptyPartitionLinksExactlyAndDeadLettersTheBadRecords() throws Exception {
    List<CallRecord> calls = LinkingScenarios.randomCalls(new Random(5), 300);
    List<String> values = new ArrayList<>();
    for (CallRecord call : ArrivalStream.shuffledWithinBound(calls, 1000, new Random(9))) {
      values.add(TestCalls.json(call));
    }
    List<String> bad = new ArrayList<>(BadCallLogs.EXAMPLES.values());
    bad.remove(BadCallLogs.EXAMPLES.get(Rejection.TOO_LARGE)); // over the broker's own limit
    values.addAll(bad);
    // Far later: moves the watermark past every call above; itself held to the end.
    values.add(TestCalls.json(call("sentinel", "s1", "s2", 1_600_000_000_000L + 3_600_000, 1_600_000_000_000L + 3_600_001)));
    List<Integer> partitions = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      partitions.add(i % 4); // partition 4 never receives anything
    }
    topics.send("backfill-in", values, partitions);

    PipelineResult job =
        start("backfill", "--maxOutOfOrderMs=1000", "--idleFlushMs=3600000", "--idlePartitionMs=2000");
    try {
      List<ConsumerRecord<String, String>> linked =
          topics.readUntil("backfill-out", read -> read.size() >= calls.size(), WAIT);
      assertEquals(AllPairsOracle.links(calls), LinkedOutput.linksKeyedById(linked));

      List<ConsumerRecord<String, String>> deadLetters =
          topics.readUntil("backfill-dead", read -> read.size() >= bad.size(), WAIT);
      assertEquals(bad.size(), deadLetters.size());
      List<String> originals = new ArrayList<>();
      for (ConsumerRecord<String, String> letter : deadLetters) {
        JsonNode node = LinkedOutput.read(letter.value());
        originals.add(node.get("original").asText());
        assertEquals("backfill-in", node.get("origin").get("topic").asText());
        assertTrue(node.get("origin").get("partition").asInt() < 4);
      }
      assertEquals(new TreeSet<>(bad), new TreeSet<>(originals));
    } finally {
      job.cancel();
    }
  }

  /**
   * No record stops the job. Before, a 700 KB log with end before start and many quotes (legal
   * for Kafka) made a dead letter of 1.4 MB, over the producer's limit: the writer failed, the job
   * restarted on the same record until it failed for good. Now its dead letter is cut to fit; a
   * linked call over --maxRecordBytes, and one its topic refuses (the topic's own limit is lower),
   * go to the dead letters; the calls around them are linked exactly.
   */
  /** With --exactlyOnce, a refused record is left out of its transaction, which commits the rest. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"at least once", "exactly once"})
  void noRecordStopsTheJobAndNoneIsLost(String delivery) throws Exception {
    boolean exactlyOnce = delivery.equals("exactly once");
    String name = exactlyOnce ? "pills-exactly-once" : "pills";
    broker.createTopic(name + "-out", 5, Map.of("max.message.bytes", "40000"));
    List<CallRecord> calls = LinkingScenarios.randomCalls(new Random(21), 200);
    CallRecord huge = calls.get(3);
    CallRecord wide = calls.get(4);
    List<String> values = new ArrayList<>();
    for (CallRecord call : calls) {
      values.add(
          call == huge
              ? TestCalls.jsonWithNote(call, 300_000)
              : call == wide ? TestCalls.jsonWithNote(call, 60_000) : TestCalls.json(call));
    }
    String pill =
        "{\"id\":\"pill\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":2000,\"end_at_ms\":1999,"
            + "\"pad\":\"" + "\\\"".repeat(350_000) + "\"}";
    values.add(values.size() / 2, pill);
    values.add(TestCalls.json(call("sentinel", "s1", "s2", 1_600_000_000_000L + 3_600_000, 1_600_000_000_000L + 3_600_001)));
    List<Integer> partitions = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      partitions.add(i % 5);
    }
    topics.send(name + "-in", values, partitions);

    List<String> options =
        new ArrayList<>(
            List.of("--maxOutOfOrderMs=1000", "--idleFlushMs=3600000", "--idlePartitionMs=2000", "--maxRecordBytes=200000"));
    if (exactlyOnce) {
      options.addAll(List.of("--exactlyOnce=true", "--checkpointingInterval=1000"));
    }
    // What a reader of committed records sees: the same as everything, without transactions.
    Topics reader =
        new Topics(broker.bootstrapServers(), Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    PipelineResult job = start(name, options.toArray(String[]::new));
    try {
      List<ConsumerRecord<String, String>> deadLetters =
          reader.readUntil(name + "-dead", read -> read.size() >= 3, WAIT);
      Map<String, JsonNode> letters = new TreeMap<>();
      for (ConsumerRecord<String, String> letter : deadLetters) {
        letters.put(LinkedOutput.read(letter.value()).get("reason_code").asText(), LinkedOutput.read(letter.value()));
      }
      assertEquals(Set.of("END_BEFORE_START", "OUTPUT_TOO_LARGE", "SINK_REFUSED"), letters.keySet());

      JsonNode cutPill = letters.get("END_BEFORE_START");
      assertTrue(cutPill.get("original_truncated").asBoolean());
      byte[] pillBytes = pill.getBytes(StandardCharsets.UTF_8);
      assertEquals(pillBytes.length, cutPill.get("original_bytes").asInt());
      assertEquals(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pillBytes)),
          cutPill.get("original_sha256").asText());
      assertEquals(name + "-in", cutPill.get("origin").get("topic").asText());

      assertEquals(huge.id(), letters.get("OUTPUT_TOO_LARGE").get("origin").get("linked_call").asText());
      // The refused call is whole in its dead letter, links and all.
      JsonNode refused = letters.get("SINK_REFUSED");
      assertEquals(wide.id(), refused.get("origin").get("linked_call").asText());
      Map<String, String> expected = new TreeMap<>(AllPairsOracle.links(calls));
      assertEquals(
          expected.get(wide.id()), LinkedOutput.links(List.of(refused.get("original").asText())).get(wide.id()));

      expected.remove(huge.id());
      expected.remove(wide.id());
      List<ConsumerRecord<String, String>> linked =
          reader.readUntil(name + "-out", read -> read.size() >= expected.size(), WAIT);
      // Each id once: a job restarted by a refused record would have written some twice.
      assertEquals(expected, LinkedOutput.linksKeyedById(linked));
    } finally {
      job.cancel();
    }
  }

  /**
   * On RocksDB with incremental checkpoints (--stateBackend=rocksdb) the output is the all-pairs
   * result too: the calls stay held in RocksDB through a completed checkpoint, until a far later
   * call moves the watermark past them.
   */
  @Test
  void onRocksDbThroughACheckpointTheOutputIsTheAllPairsResult(@TempDir Path checkpoints) throws Exception {
    List<CallRecord> calls = LinkingScenarios.randomCalls(new Random(21), 300);
    List<String> values = new ArrayList<>();
    List<Integer> partitions = new ArrayList<>();
    for (CallRecord call : ArrivalStream.shuffledWithinBound(calls, 1000, new Random(22))) {
      values.add(TestCalls.json(call));
      partitions.add(partitions.size() % 5);
    }
    topics.send("rocksdb-in", values, partitions);
    PipelineResult job = start("rocksdb", "--maxOutOfOrderMs=1000", "--idleFlushMs=3600000",
        "--idlePartitionMs=2000", "--stateBackend=rocksdb", "--stateBackendStoragePath=" + checkpoints.toUri(),
        "--checkpointingInterval=500");
    try {
      awaitCompletedCheckpoint(checkpoints);
      long later = 1_600_000_000_000L + 3_600_000;
      topics.send("rocksdb-in", List.of(TestCalls.json(call("sentinel", "s1", "s2", later, later + 1))), List.of(0));
      List<ConsumerRecord<String, String>> linked =
          topics.readUntil("rocksdb-out", read -> read.size() >= calls.size(), WAIT);
      assertEquals(AllPairsOracle.links(calls), LinkedOutput.linksKeyedById(linked));
    } finally {
      job.cancel();
    }
  }

  /** Waits for a checkpoint's metadata under the storage path, which Flink writes as it completes one. */
  private static void awaitCompletedCheckpoint(Path checkpoints) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.walk(checkpoints)) {
        if (files.anyMatch(file -> file.getFileName().toString().equals("_metadata"))) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no checkpoint completed in " + checkpoints + " within " + WAIT);
  }

  /**
   * An address that empties, while a catch-up firing it no longer needs is pending, and then
   * fills again. On the FlinkRunner a cleared timer still fires (Beam 2.70 clears it under another
   * id than it set it with); taken at face value, that firing re-armed itself at its own instant
   * and the linker spun on it for good, emitting nothing more.
   */
  @Test
  void anAddressThatEmptiesAndFillsAgainKeepsLinking() throws Exception {
    long t = 1_600_000_000_000L;
    CallRecord quick = call("quick", "a", "b", t + 1000, t + 1050);
    CallRecord slow = call("slow", "a", "b", t + 1000, t + 1500);
    // With a bound of 100 ms, a start at +1750 moves the watermark to +1650: b emits quick, arms a
    // catch-up, which fires and re-arms itself 400 ms ahead at +1700, then emits slow and is empty.
    CallRecord first = call("first", "x", "y", t + 1750, t + 1751);
    topics.send("refill-in", List.of(TestCalls.json(quick), TestCalls.json(slow), TestCalls.json(first)),
        List.of(0, 0, 0));
    PipelineResult job =
        start("refill", "--maxOutOfOrderMs=100", "--idleFlushMs=3600000", "--idlePartitionMs=2000");
    try {
      topics.readUntil("refill-out", read -> read.size() >= 2, WAIT); // quick and slow
      CallRecord next = call("next", "a", "b", t + 3000, t + 3100);
      CallRecord child = call("child", "b", "c", t + 3010, t + 3050);
      // Moves the watermark past the stale catch-up at +1700 and past next and child.
      CallRecord later = call("later", "x", "y", t + 10_000, t + 10_001);
      topics.send("refill-in", List.of(TestCalls.json(next), TestCalls.json(child), TestCalls.json(later)),
          List.of(0, 0, 0));
      List<ConsumerRecord<String, String>> linked =
          topics.readUntil("refill-out", read -> read.size() >= 5, WAIT);
      Map<String, String> links = LinkedOutput.linksKeyedById(linked);
      assertEquals(AllPairsOracle.links(List.of(quick, slow, first, next, child)), links);
    } finally {
      job.cancel();
    }
  }

  /**
   * A stream that never pauses, at 400 records/s (under 1,000 per worker): calls are linked and
   * emitted while it flows, because the watermark moves with it. (With the FlinkRunner's default
   * bundle size it stood still until the input paused, and nothing came out.)
   */
  @Test
  void aSteadyStreamIsLinkedWhileItFlows() throws Exception {
    long t = System.currentTimeMillis();
    // A call every 2.5 ms of event time, as fast as they are sent: event time keeps up with the
    // wall clock. Eight callers and eight callees, so every address holds calls at any time.
    LongFunction<String> callAt =
        i -> {
          long start = t + i * 5 / 2;
          return TestCalls.json(call("s" + i, "10.0.0." + i % 8, "10.0.1." + i % 8, start, start + 20));
        };
    PipelineResult job =
        start("steady", "--maxOutOfOrderMs=100", "--idleFlushMs=3600000", "--idlePartitionMs=2000");
    try (AutoCloseable feed = topics.feed("steady-in", 5, 400, callAt)) {
      List<ConsumerRecord<String, String>> linked =
          topics.readUntil("steady-out", read -> read.size() >= 1000, WAIT);
      assertTrue(linked.size() >= 1000, "emitted while the stream flowed: " + linked.size());
    } finally {
      job.cancel();
    }
  }

  @Test
  void whenTheSourceGoesQuietIdleAddressesAreFlushed() throws Exception {
    List<CallRecord> chain =
        List.of(
            call("id1", "10.0.0.1", "10.0.0.2", 1000, 1500),
            call("id2", "10.0.0.2", "10.0.0.3", 1100, 1300),
            call("id3", "10.0.0.3", "10.0.0.4", 1120, 1220));
    List<String> values = new ArrayList<>();
    chain.forEach(call -> values.add(TestCalls.json(call)));
    topics.send("quiet-in", values, List.of(0, 1, 2));

    // The watermark never passes these calls (a day's bound): only the idle flush emits them.
    PipelineResult job = start("quiet", "--maxOutOfOrderMs=86400000", "--idleFlushMs=2000");
    try {
      List<ConsumerRecord<String, String>> linked =
          topics.readUntil("quiet-out", read -> read.size() >= 3, WAIT);
      assertEquals(AllPairsOracle.links(chain), LinkedOutput.linksKeyedById(linked));
    } finally {
      job.cancel();
    }
  }
}

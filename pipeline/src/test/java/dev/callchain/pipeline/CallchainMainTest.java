package dev.callchain.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.Rejection;
import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.IncrementalRocksDb;
import dev.callchain.pipeline.options.OptionsReader;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.BadCallLogs;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.TestCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.contrib.streaming.state.RocksDBStateBackend;
import org.apache.flink.runtime.state.filesystem.FsStateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The main program as a person runs it on files: java -jar ... --inputFile --outputFile. */
class CallchainMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int main(String... args) {
    return CallchainMain.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void aFileRunLinksEveryCallAndDeadLettersEveryBadLine(String runner) throws IOException {
    List<CallRecord> calls = LinkingScenarios.randomCalls(new Random(11), 400);
    List<String> lines = new ArrayList<>();
    calls.forEach(call -> lines.add(TestCalls.json(call)));
    Collections.shuffle(lines, new Random(3));
    List<String> bad = new ArrayList<>(BadCallLogs.EXAMPLES.values());
    bad.remove(BadCallLogs.EXAMPLES.get(Rejection.TOO_LARGE));
    for (int i = 0; i < bad.size(); i++) {
      lines.add(7 * i + 1, bad.get(i));
    }
    lines.add(20, "   ");
    Path input = dir.resolve("in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Path output = dir.resolve("linked.jsonl");
    Path rejected = dir.resolve("rejected.jsonl");

    int code =
        main(
            "--runner=" + runner,
            "--inputFile=" + input,
            "--outputFile=" + output,
            "--deadLetterFile=" + rejected);

    assertEquals(0, code, errors());
    Map<String, String> links = LinkedOutput.links(Files.readAllLines(output));
    assertEquals(AllPairsOracle.links(calls), links);

    List<String> deadLetters = Files.readAllLines(rejected);
    assertEquals(bad.size(), deadLetters.size());
    for (String letter : deadLetters) {
      JsonNode node = LinkedOutput.read(letter);
      int line = node.get("origin").get("line").asInt();
      assertEquals(lines.get(line - 1), node.get("original").asText());
      assertTrue(node.get("origin").get("file").asText().endsWith("in.jsonl"));
      assertTrue(!node.get("reason").asText().isEmpty());
    }
    assertTrue(errors().contains("calls_read"), errors());
  }

  /**
   * Nothing written is over --maxRecordBytes and nothing is lost: a linked call over it goes to
   * the dead letters whole (cut to fit, with its size and hash), a dead letter over it carries its
   * original cut to fit, and a binary line keeps its bytes (base64).
   */
  @Test
  void recordsOverTheLimitGoToTheDeadLettersCutToFit() throws Exception {
    List<CallRecord> calls = LinkingScenarios.randomCalls(new Random(13), 100);
    CallRecord wide = calls.get(7);
    List<String> lines = new ArrayList<>();
    calls.forEach(call -> lines.add(call == wide ? TestCalls.jsonWithNote(call, 30_000) : TestCalls.json(call)));
    String pill = "{\"id\":\"pill\",\"end_at_ms\":1,\"pad\":\"" + "\\\"".repeat(10_000) + "\"}";
    lines.add(pill);
    Path input = dir.resolve("in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    byte[] binary = {'{', (byte) 0xff, (byte) 0xfe, '}', '\n'};
    Files.write(input, binary, StandardOpenOption.APPEND);
    Path output = dir.resolve("linked.jsonl");
    Path rejected = dir.resolve("rejected.jsonl");

    int code =
        main(
            "--runner=DirectRunner",
            "--inputFile=" + input,
            "--outputFile=" + output,
            "--deadLetterFile=" + rejected,
            "--maxRecordBytes=16000");

    assertEquals(0, code, errors());
    Map<String, String> expected = new TreeMap<>(AllPairsOracle.links(calls));
    expected.remove(wide.id());
    assertEquals(expected, LinkedOutput.links(Files.readAllLines(output)));
    Map<String, JsonNode> letters = new TreeMap<>();
    for (String line : Files.readAllLines(rejected)) {
      assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 16_000, line.length() + " bytes");
      JsonNode node = LinkedOutput.read(line);
      letters.put(node.get("reason_code").asText(), node);
    }
    assertEquals(Set.of("OUTPUT_TOO_LARGE", "MISSING_FIELD", "NOT_JSON"), letters.keySet());

    JsonNode tooLarge = letters.get("OUTPUT_TOO_LARGE");
    assertEquals(wide.id(), tooLarge.get("origin").get("linked_call").asText());
    assertTrue(tooLarge.get("original_truncated").asBoolean());
    assertTrue(tooLarge.get("original_bytes").asInt() > 30_000);
    assertTrue(tooLarge.get("original").asText().startsWith("{\"id\":\"" + wide.id() + "\""));

    JsonNode cutPill = letters.get("MISSING_FIELD");
    assertEquals(pill.length(), cutPill.get("original_bytes").asInt());
    assertTrue(pill.startsWith(cutPill.get("original").asText()));

    JsonNode bytes = letters.get("NOT_JSON");
    assertEquals("base64", bytes.get("original_encoding").asText());
    assertArrayEquals(
        Arrays.copyOf(binary, 4), Base64.getDecoder().decode(bytes.get("original").asText()));
  }

  @Test
  void aBadOptionValueIsExplainedWithExitTwo() {
    assertEquals(2, main("--runner=DirectRunner", "--maxOutOfOrderMs=-5"));
    assertTrue(errors().contains("--maxOutOfOrderMs must be 0 or more"), errors());
  }

  @Test
  void kafkaPropertiesThatSetWhatCallchainSetsAreExplainedWithExitTwo() throws IOException {
    Path properties = Files.writeString(dir.resolve("kafka.properties"), "group.id=theirs\n");
    assertEquals(2, main("--runner=DirectRunner", "--kafkaProperties=" + properties));
    assertTrue(errors().contains("group.id (give it with --consumerGroup)"), errors());
  }

  @Test
  void linkingModesAreCheckedByName() {
    assertEquals(2, main("--runner=DirectRunner", "--linker=fast"));
    assertTrue(errors().contains("--linker must be index or scan, not 'fast'"), errors());
    assertEquals(2, main("--runner=DirectRunner", "--lateLinks=keep"));
    assertTrue(errors().contains("--lateLinks must be drop or revise"), errors());
    assertEquals(2, main("--runner=DirectRunner", "--linker=scan", "--bestParent=true"));
    assertTrue(errors().contains("--linker=scan is the plain baseline"), errors());
  }

  @Test
  void aSkewToleranceIsRefusedWhereItWouldDoNothingOrTooLittle() {
    assertEquals(2, main("--runner=DirectRunner", "--skewToleranceMs=2"));
    assertTrue(errors().contains("it needs --bestParent=true"), errors());
    assertEquals(2, main("--runner=DirectRunner", "--bestParent=true", "--skewToleranceMs=-1"));
    assertTrue(errors().contains("--skewToleranceMs must be 0 (off) or more"), errors());
    assertEquals(2, main("--runner=DirectRunner", "--bestParent=true", "--skewToleranceMs=2", "--lateLinks=revise"));
    assertTrue(errors().contains("--skewToleranceMs and --lateLinks=revise do not go together"), errors());
  }

  @Test
  void aSpansFormatIsCheckedByName() {
    assertEquals(2, main("--runner=DirectRunner", "--traces=true", "--spansFormat=jaeger"));
    assertTrue(errors().contains("--spansFormat must be zipkin_json or otlp_proto, not 'jaeger'"), errors());
  }

  /** --bestParent adds its two fields and leaves the SPEC's links as they are. */
  @Test
  void aFileRunWithBestParentKeepsTheLinksAndNamesParents() throws IOException {
    List<CallRecord> calls = LinkingScenarios.randomCalls(new Random(12), 200);
    List<String> lines = new ArrayList<>();
    calls.forEach(call -> lines.add(TestCalls.json(call)));
    Path input = dir.resolve("in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Path output = dir.resolve("linked.jsonl");
    int code =
        main("--runner=FlinkRunner", "--inputFile=" + input, "--outputFile=" + output, "--bestParent=true");
    assertEquals(0, code, errors());
    List<String> linked = Files.readAllLines(output);
    assertEquals(AllPairsOracle.links(calls), LinkedOutput.links(linked));
    for (String line : linked) {
      JsonNode node = LinkedOutput.read(line);
      JsonNode best = node.get("best_parent");
      assertTrue(best.isNull() || node.get("parent_scores").get(best.asText()).asDouble() > 0.5, line);
      assertEquals(node.get("parents").size(), node.get("parent_scores").size(), line);
    }
  }

  @Test
  void anUnknownRunnerConfigIsExplained() {
    assertEquals(2, main("--runnerConfig=" + dir.resolve("nope.conf")));
    assertTrue(errors().contains("does not exist"), errors());
  }

  @Test
  void aMissingInputFileIsExplained() {
    assertEquals(1, main("--runner=DirectRunner", "--inputFile=" + dir.resolve("missing.jsonl")));
    assertTrue(errors().contains("no input file matches"), errors());
  }

  @Test
  void exactlyOnceWithoutCheckpointsOnFlinkIsExplained() {
    // Its transactions commit with checkpoints: without them nothing would ever be written.
    assertEquals(1, main("--runner=DirectRunner", "--exactlyOnce=true", "--bootstrapServers=127.0.0.1:1"));
    assertTrue(errors().contains("--exactlyOnce commits its Kafka transactions with the runner's checkpoints"), errors());
    err.reset();
    assertEquals(1, main("--runner=FlinkRunner", "--exactlyOnce=true", "--bootstrapServers=127.0.0.1:1"));
    assertTrue(errors().contains("--checkpointingInterval"), errors());
    err.reset();
    assertEquals(1, main("--runner=DirectRunner", "--exactlyOnce=true", "--inputFile=" + dir.resolve("x.jsonl")));
    assertTrue(errors().contains("a file run (--inputFile) has none"), errors());
  }

  @Test
  void anUnreachableBrokerIsExplained() {
    assertEquals(1, main("--runner=DirectRunner", "--bootstrapServers=127.0.0.1:1"));
    assertTrue(errors().contains("cannot reach Kafka at 127.0.0.1:1"), errors());
  }

  @Test
  void aRunnerConfigFileIsReadAndTheCommandLineOverridesIt() throws IOException {
    Path config = dir.resolve("run.conf");
    Files.write(config, List.of("# comment", "runner=DirectRunner", "maxOutOfOrderMs=5"));
    CallchainOptions options =
        OptionsReader.read(
            new String[] {"--runnerConfig=" + config, "--maxOutOfOrderMs=7"}, Map.of());
    assertEquals("DirectRunner", options.getRunner().getSimpleName());
    assertEquals(7L, options.getMaxOutOfOrderMs());
  }

  /**
   * Small bundles move a live stream's watermark; a finite Kafka run keeps the runner's own
   * bundles and runs on the streaming engine; a flag given by the user wins over both.
   */
  @Test
  void bundlesAndEngineFollowWhetherTheRunEnds() {
    CallchainOptions live = OptionsReader.read(new String[] {"--runner=FlinkRunner"}, Map.of());
    assertEquals(100L, live.getMaxBundleSize());
    assertFalse(live.isStreaming(), "a live Kafka read makes the runner stream by itself");

    CallchainOptions finite =
        OptionsReader.read(new String[] {"--runner=FlinkRunner", "--maxRecords=10"}, Map.of());
    assertTrue(finite.getMaxBundleSize() > 100, "the runner's own: " + finite.getMaxBundleSize());
    assertTrue(finite.isStreaming());

    CallchainOptions file =
        OptionsReader.read(new String[] {"--runner=FlinkRunner", "--inputFile=calls.jsonl"}, Map.of());
    assertTrue(file.getMaxBundleSize() > 100, "the runner's own: " + file.getMaxBundleSize());
    assertFalse(file.isStreaming());

    CallchainOptions given =
        OptionsReader.read(
            new String[] {"--runner=FlinkRunner", "--maxRecords=10", "--streaming=false", "--maxBundleSize=7"},
            Map.of());
    assertEquals(7L, given.getMaxBundleSize());
    assertFalse(given.isStreaming());
  }

  /** --stateBackend=rocksdb checkpoints incrementally, into the storage path it cannot do without. */
  @Test
  void rocksDbIsChosenWithIncrementalCheckpoints() {
    String storage = dir.resolve("checkpoints").toUri().toString();
    CallchainOptions options = OptionsReader.read(
        new String[] {"--runner=FlinkRunner", "--stateBackend=RocksDB", "--stateBackendStoragePath=" + storage},
        Map.of());
    assertEquals(IncrementalRocksDb.class, options.getStateBackendFactory());
    RocksDBStateBackend backend =
        (RocksDBStateBackend) new IncrementalRocksDb().createStateBackend(options);
    assertTrue(backend.isIncrementalCheckpointsEnabled());
    assertEquals(RocksDBStateBackend.PriorityQueueStateType.HEAP, backend.getPriorityQueueStateType());
    assertEquals(dir.resolve("checkpoints").toString(),
        ((FsStateBackend) backend.getCheckpointBackend()).getCheckpointPath().getPath());

    assertEquals(2, main("--runner=FlinkRunner", "--stateBackend=rocksdb"));
    assertTrue(errors().contains("--stateBackend=rocksdb needs --stateBackendStoragePath"), errors());
  }

  /** On RocksDB addresses are sliced unless the user says otherwise; on the heap they are not. */
  @Test
  void rocksDbSlicesAddressesByDefault() {
    String storage = "--stateBackendStoragePath=" + dir.resolve("checkpoints").toUri();
    assertEquals(1000L, OptionsReader.read(
        new String[] {"--runner=FlinkRunner", "--stateBackend=rocksdb", storage}, Map.of()).getAddressSliceMs());
    assertEquals(0L, OptionsReader.read(new String[] {
        "--runner=FlinkRunner", "--stateBackend=rocksdb", storage, "--addressSliceMs=0"}, Map.of()).getAddressSliceMs());
    assertEquals(null, OptionsReader.read(new String[] {"--runner=FlinkRunner"}, Map.of()).getAddressSliceMs());
    assertEquals(2, main("--addressSliceMs=-5"));
    assertTrue(errors().contains("--addressSliceMs must be 0 (off) or more"), errors());
  }
}

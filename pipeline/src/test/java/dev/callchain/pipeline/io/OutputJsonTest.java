package dev.callchain.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.TraceMark;
import dev.callchain.pipeline.model.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OutputJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void linkedCallHasEveryFieldThenTheLinks() {
    byte[] extra = "\"service\": \"main\",\"n\":1.50".getBytes(StandardCharsets.UTF_8);
    LinkedCall linked =
        new LinkedCall(
            new CallRecord("id\"1", "10.0.0.1", "10.1.0.1", 1000, 1030, 30.5, extra),
            new String[] {"a", "b"},
            new String[0]);
    assertEquals(
        "{\"id\":\"id\\\"1\",\"src_ip\":\"10.0.0.1\",\"dst_ip\":\"10.1.0.1\",\"start_at_ms\":1000,"
            + "\"end_at_ms\":1030,\"latency_msec\":30.5,\"service\": \"main\",\"n\":1.50,"
            + "\"parents\":[\"a\",\"b\"],\"children\":[]}",
        new String(OutputJson.linkedCall(linked), StandardCharsets.UTF_8));
  }

  @Test
  void scoresFollowTheLinksAndARevisionIsNumbered() {
    CallRecord call = CallRecord.of("c", "a", "b", 1000, 1030);
    String[] parents = {"p1", "p2", "p3"};
    LinkedCall scored =
        new LinkedCall(call, parents, new String[0], new ParentScores("p2", new double[] {0.00031, 0.99969, 0}), 2);
    assertEquals(
        "{\"id\":\"c\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1000,\"end_at_ms\":1030,"
            + "\"latency_msec\":30,\"parents\":[\"p1\",\"p2\",\"p3\"],\"children\":[],\"best_parent\":\"p2\","
            + "\"parent_scores\":{\"p1\":0.0003,\"p2\":0.9997,\"p3\":0},\"revision\":2}",
        new String(OutputJson.linkedCall(scored), StandardCharsets.UTF_8));
    LinkedCall unnamed =
        new LinkedCall(call, new String[0], new String[0], new ParentScores(null, new double[0]), 0);
    assertTrue(
        new String(OutputJson.linkedCall(unnamed), StandardCharsets.UTF_8)
            .endsWith("\"children\":[],\"best_parent\":null,\"parent_scores\":{}}"));
  }

  @Test
  void nearMissesAreScoredAfterTheParents() {
    LinkedCall scored =
        new LinkedCall(
            CallRecord.of("c", "a", "b", 1000, 1030), new String[] {"p"}, new String[0],
            new ParentScores("n", new double[] {0.25, 0.75}, 1031, new String[] {"n"}), 0);
    assertTrue(
        new String(OutputJson.linkedCall(scored), StandardCharsets.UTF_8)
            .endsWith("\"parents\":[\"p\"],\"children\":[],\"best_parent\":\"n\",\"parent_scores\":{\"p\":0.25,\"n\":0.75}}"));
  }

  @Test
  void aTracedCallKeepsItsInputTraceFieldsUnderNewNames() {
    byte[] extra = "\"depth\":7,\"service\":\"api\",\"trace\\u005fid\":{\"x\":[1]}".getBytes(StandardCharsets.UTF_8);
    LinkedCall traced =
        new LinkedCall(new CallRecord("c", "a", "b", 1000, 1030, 30, extra), new String[] {"p"}, new String[0])
            .withTrace(new TraceMark("root", 2, "web"));
    assertEquals(
        "{\"id\":\"c\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1000,\"end_at_ms\":1030,"
            + "\"latency_msec\":30,\"input_depth\":7,\"service\":\"api\",\"input_trace_id\":{\"x\":[1]},"
            + "\"parents\":[\"p\"],\"children\":[],\"trace_id\":\"root\",\"depth\":2}",
        new String(OutputJson.linkedCall(traced), StandardCharsets.UTF_8));
  }

  @Test
  void integralLatencyHasNoFraction() {
    assertEquals("30", OutputJson.number(30.0));
    assertEquals("0.25", OutputJson.number(0.25));
  }

  private static final int LIMIT = 1_000_000;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void deadLetterNamesReasonOriginAndOriginal() {
    DeadLetter letter =
        new DeadLetter(utf8("{bad"), Rejection.NOT_JSON, "not valid JSON: x", Origin.kafka("t", 3, 42));
    assertEquals(
        "{\"reason\":\"not valid JSON: x\",\"reason_code\":\"NOT_JSON\","
            + "\"origin\":{\"topic\":\"t\",\"partition\":3,\"offset\":42},\"original\":\"{bad\"}",
        new String(OutputJson.deadLetter(letter, LIMIT), StandardCharsets.UTF_8));
    DeadLetter fromFile = new DeadLetter(utf8("x"), Rejection.NOT_JSON, "r", Origin.file("in.jsonl", 7));
    assertEquals(
        "{\"reason\":\"r\",\"reason_code\":\"NOT_JSON\",\"origin\":{\"file\":\"in.jsonl\",\"line\":7},"
            + "\"original\":\"x\"}",
        new String(OutputJson.deadLetter(fromFile, LIMIT), StandardCharsets.UTF_8));
  }

  @Test
  void binaryOriginalIsBase64AndKeepsItsBytes() throws Exception {
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 'a', (byte) 0xc3};
    JsonNode letter =
        JSON.readTree(
            OutputJson.deadLetter(
                new DeadLetter(binary, Rejection.NOT_JSON, "r", Origin.kafka("t", 0, 1)), LIMIT));
    assertEquals("base64", letter.get("original_encoding").asText());
    assertArrayEquals(binary, Base64.getDecoder().decode(letter.get("original").asText()));
    assertTrue(letter.get("original_truncated") == null);
  }

  /**
   * The record that stopped the job: 700 KB with many quotes, legal for Kafka, whose dead letter
   * doubled in JSON escaping to more than the producer takes.
   */
  @Test
  void aDeadLetterOverTheLimitCarriesTheOriginalCutToFitWithItsSizeAndHash() throws Exception {
    String original =
        "{\"id\":\"a\",\"start_at_ms\":2,\"end_at_ms\":1,\"pad\":\"" + "\\\"é\n".repeat(175_000) + "\"}";
    byte[] bytes = utf8(original);
    DeadLetter letter =
        new DeadLetter(bytes, Rejection.END_BEFORE_START, "end before start", Origin.kafka("in", 2, 9));
    byte[] json = OutputJson.deadLetter(letter, LIMIT);

    assertTrue(json.length <= LIMIT, json.length + " bytes");
    assertTrue(json.length > LIMIT - 16, "fills the room: " + json.length);
    JsonNode node = JSON.readTree(json);
    assertEquals("END_BEFORE_START", node.get("reason_code").asText());
    assertEquals(9, node.get("origin").get("offset").asLong());
    assertTrue(node.get("original_truncated").asBoolean());
    assertEquals(bytes.length, node.get("original_bytes").asInt());
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
        node.get("original_sha256").asText());
    String cut = node.get("original").asText();
    assertTrue(cut.length() > 100_000, "keeps what fits: " + cut.length());
    assertTrue(original.startsWith(cut), "a prefix of the original");
  }

  @Test
  void aBinaryOriginalOverTheLimitIsCutInBase64() throws Exception {
    byte[] binary = new byte[20_000];
    new java.util.Random(3).nextBytes(binary);
    binary[0] = (byte) 0xff; // not UTF-8
    byte[] json =
        OutputJson.deadLetter(new DeadLetter(binary, Rejection.NOT_JSON, "r", Origin.file("f", 1)), 8_000);
    assertTrue(json.length <= 8_000, json.length + " bytes");
    JsonNode node = JSON.readTree(json);
    byte[] cut = Base64.getDecoder().decode(node.get("original").asText());
    assertTrue(cut.length > 5_000, "keeps what fits: " + cut.length);
    assertArrayEquals(Arrays.copyOf(binary, cut.length), cut);
    assertEquals(20_000, node.get("original_bytes").asInt());
  }

  @Test
  void aCutNeverSplitsACharacter() {
    String text = "a😀b😀";
    // In UTF-8 "a😀" is 5 bytes and "a😀b" 6: with room for 4 the pair is not taken by halves.
    assertEquals(4, OutputJson.fittingPrefix(text, 6));
    assertEquals(3, OutputJson.fittingPrefix(text, 5));
    assertEquals(1, OutputJson.fittingPrefix(text, 4));
    assertEquals(text.length(), OutputJson.fittingPrefix(text, 100));
    assertEquals(0, OutputJson.fittingPrefix("\"", 1));
  }

  @Test
  void aLinkedCallsOriginNamesIt() throws Exception {
    JsonNode node =
        JSON.readTree(
            OutputJson.deadLetter(
                new DeadLetter(utf8("{}"), Rejection.OUTPUT_TOO_LARGE, "r", Origin.linkedCall("c-1")), LIMIT));
    assertEquals("c-1", node.get("origin").get("linked_call").asText());
  }
}

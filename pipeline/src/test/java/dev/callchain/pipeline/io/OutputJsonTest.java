package dev.callchain.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.Rejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputJsonTest {
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
  void integralLatencyHasNoFraction() {
    assertEquals("30", OutputJson.number(30.0));
    assertEquals("0.25", OutputJson.number(0.25));
  }

  @Test
  void deadLetterNamesReasonOriginAndOriginal() {
    DeadLetter letter =
        new DeadLetter("{bad", Rejection.NOT_JSON, "not valid JSON: x", Origin.kafka("t", 3, 42));
    assertEquals(
        "{\"reason\":\"not valid JSON: x\",\"reason_code\":\"NOT_JSON\","
            + "\"origin\":{\"topic\":\"t\",\"partition\":3,\"offset\":42},\"original\":\"{bad\"}",
        new String(OutputJson.deadLetter(letter), StandardCharsets.UTF_8));
    DeadLetter fromFile = new DeadLetter("x", Rejection.NOT_JSON, "r", Origin.file("in.jsonl", 7));
    assertEquals(
        "{\"reason\":\"r\",\"reason_code\":\"NOT_JSON\",\"origin\":{\"file\":\"in.jsonl\",\"line\":7},"
            + "\"original\":\"x\"}",
        new String(OutputJson.deadLetter(fromFile), StandardCharsets.UTF_8));
  }
}

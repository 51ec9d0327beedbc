package dev.callchain.pipeline;

import static dev.callchain.pipeline.testing.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.spans.SpanIds;
import dev.callchain.pipeline.spans.SpanTags;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.TestCalls;
import dev.callchain.pipeline.testing.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * With --traces on the FlinkRunner, against a real broker: the spans topic has exactly one Zipkin
 * span per linked call, in its trace and under its best parent, as the linked output says.
 */
class SpansOnKafkaTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final long T0 = 1_600_000_000_000L;
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

  @Test
  void everyLinkedCallHasOneSpanUnderItsBestParent() throws Exception {
    List<CallRecord> calls = traces(20);
    List<String> values = new ArrayList<>();
    calls.forEach(call -> values.add(TestCalls.json(call)));
    // Far later: moves the watermark past every call above; itself held to the end.
    values.add(TestCalls.json(call("sentinel", "s1", "s2", T0 + 3_600_000, T0 + 3_600_001)));
    List<Integer> partitions = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      partitions.add(i % 5);
    }
    broker.createTopic("spans-zipkin", 3);
    topics.send("spans-in", values, partitions);

    PipelineResult job =
        KafkaJobs.start(
            broker, "spans", "--traces=true", "--spansTopic=spans-zipkin", "--maxOutOfOrderMs=1000",
            "--idleFlushMs=3600000", "--idlePartitionMs=2000");
    try {
      Map<String, JsonNode> linked = new TreeMap<>();
      List<ConsumerRecord<String, String>> records =
          topics.readUntil("spans-out", read -> read.size() >= calls.size(), WAIT);
      for (ConsumerRecord<String, String> record : records) {
        linked.put(record.key(), LinkedOutput.read(record.value()));
      }
      assertEquals(calls.size(), linked.size());

      Map<String, List<Span>> spansByCall = spansByCall("spans-zipkin", calls.size(), WAIT);
      assertEquals(linked.keySet(), spansByCall.keySet());
      for (Map.Entry<String, JsonNode> call : linked.entrySet()) {
        List<Span> spans = spansByCall.get(call.getKey());
        assertEquals(1, spans.size(), "spans of " + call.getKey());
        Span span = spans.get(0);
        JsonNode output = call.getValue();
        assertEquals(hex(SpanIds.spanId(call.getKey())), span.id());
        assertEquals(hex(SpanIds.traceId(output.get("trace_id").asText())), span.traceId());
        JsonNode best = output.get("best_parent");
        String expectedParent = output.get("depth").asInt() == 0 ? null : hex(SpanIds.spanId(best.asText()));
        assertEquals(expectedParent, span.parentId(), "parent of " + call.getKey());
      }
      // The chains themselves: each database call under its service call, under its root.
      assertEquals(hex(SpanIds.spanId("svc-7")), spansByCall.get("db-7").get(0).parentId());
      assertEquals(hex(SpanIds.spanId("root-7")), spansByCall.get("svc-7").get(0).parentId());
      assertEquals(hex(SpanIds.traceId("root-7")), spansByCall.get("db-7").get(0).traceId());
    } finally {
      job.cancel();
    }
  }

  /**
   * The last calls before the stream goes quiet, on a job that checkpoints: their spans are
   * written too. The FlinkRunner finishes a bundle that a checkpoint cuts short inside the
   * snapshot, and holds what the bundle's end outputs (a list of spans) until the step's next
   * record or watermark. Once the input stops neither comes, and the demo's last trace never
   * reached Zipkin. Here every bundle is cut short by a checkpoint (its time limit is an hour),
   * and the idle flush emits the calls, after which nothing moves.
   */
  @Test
  void theLastSpansBeforeTheStreamGoesQuietAreWritten() throws Exception {
    List<CallRecord> calls = traces(5);
    List<String> values = new ArrayList<>();
    List<Integer> partitions = new ArrayList<>();
    for (CallRecord call : calls) {
      values.add(TestCalls.json(call));
      partitions.add(partitions.size() % 5);
    }
    broker.createTopic("quiet-zipkin", 3);
    topics.send("quiet-in", values, partitions);

    PipelineResult job =
        KafkaJobs.start(
            broker, "quiet", "--traces=true", "--spansTopic=quiet-zipkin", "--maxOutOfOrderMs=1000",
            "--idleFlushMs=2000", "--idlePartitionMs=1000", "--checkpointingInterval=300",
            "--maxBundleTimeMills=3600000");
    try {
      topics.readUntil("quiet-out", read -> read.size() >= calls.size(), WAIT);
      Set<String> ids = new TreeSet<>();
      calls.forEach(call -> ids.add(call.id()));
      assertEquals(ids, spansByCall("quiet-zipkin", calls.size(), Duration.ofSeconds(30)).keySet());
    } finally {
      job.cancel();
    }
  }

  /** Traces a second apart: a front end that calls a service that calls a database. */
  private static List<CallRecord> traces(int count) {
    List<CallRecord> calls = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      long start = T0 + k * 1000L;
      calls.add(call("root-" + k, "10.0.0.9", "10.1.0.1", start, start + 500));
      calls.add(call("svc-" + k, "10.1.0.1", "10.2.0.1", start + 10, start + 300));
      calls.add(call("db-" + k, "10.2.0.1", "10.3.0.1", start + 20, start + 100));
    }
    return calls;
  }

  /** The spans on {@code topic} by the call they stand for, read until {@code calls} calls have one. */
  private static Map<String, List<Span>> spansByCall(String topic, int calls, Duration wait) throws Exception {
    Map<String, List<Span>> spansByCall = new TreeMap<>();
    topics.readUntil(
        topic,
        read -> {
          spansByCall.clear();
          for (ConsumerRecord<String, String> list : read) {
            byte[] json = list.value().getBytes(StandardCharsets.UTF_8);
            for (Span span : SpanBytesDecoder.JSON_V2.decodeList(json)) {
              spansByCall.computeIfAbsent(span.tags().get(SpanTags.CALL_ID), id -> new ArrayList<>()).add(span);
            }
          }
          return spansByCall.size() >= calls;
        },
        wait);
    return spansByCall;
  }

  private static String hex(byte[] id) {
    return SpanIds.hex(id);
  }
}

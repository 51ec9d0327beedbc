package dev.callchain.pipeline;

import static dev.callchain.pipeline.testing.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.Rejection;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.ArrivalStream;
import dev.callchain.pipeline.testing.BadCallLogs;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.TestCalls;
import dev.callchain.pipeline.testing.Topics;
import dev.callchain.pipeline.testing.Topics.Message;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Bad input at volume (issue 17, point 6). While the job runs on the FlinkRunner against a real
 * broker, valid traffic at 10,000 records/s carries malformed records of every kind a producer
 * might send, several copies of each spread through it, and valid calls written oddly but
 * legally. The job never fails: a job that KafkaJobs starts does not checkpoint, so it has no
 * restart strategy, and an exception anywhere would end it FAILED. Every bad record is in the dead
 * letters exactly once, with SPEC §1's reason and its topic, partition and offset; the valid calls
 * link exactly as the all-pairs oracle says.
 */
class BadInputAtVolumeTest {
  private static final String NAME = "bad";
  private static final String INPUT = NAME + "-in";
  private static final int PARTITIONS = 5;
  private static final int PER_SECOND = 10_000;
  private static final int CALLS_PER_TRACE = 4;
  private static final int TRACES = 15_000; // 60,000 calls: 6 s of traffic
  private static final int COPIES = 5;
  private static final long BASE = 1_600_000_000_000L;
  private static final long BOUND_MS = 1_000;
  private static final Duration WAIT = Duration.ofSeconds(120);

  private static final String ID = "\"id\":\"bad\"";
  private static final String ADDRESSES = "\"src_ip\":\"10.9.0.1\",\"dst_ip\":\"10.9.0.2\"";
  private static final String TIMES = "\"start_at_ms\":1000,\"end_at_ms\":1500";
  private static final String CALL = log(ID, ADDRESSES, TIMES);

  /** A record SPEC §1 rejects, with its dead letter's reason code and a phrase of its reason. */
  private record Bad(String kind, Rejection reason, String says, Message message) {}

  /** A valid call written oddly but legally: {@code written} as sent, {@code read} as SPEC §1 reads it. */
  private record Odd(String kind, Function<CallRecord, Message> written, UnaryOperator<CallRecord> read) {}

  /** One message of the stream, and what is wrong with it (null for a call to link). */
  private record Sent(Message message, Bad bad) {}

  /** The stream to send, and the calls in it as SPEC §1 reads them. */
  private record Traffic(List<Sent> stream, List<CallRecord> accepted) {}

  @Test
  void badRecordsAmidLiveTrafficAreDeadLetteredAndTheCallsLinkExactly() throws Exception {
    Traffic traffic = traffic(new Random(17));
    List<Sent> stream = traffic.stream();
    // Before the broker and the job start, so as not to compete with them for the CI's two cores.
    Map<String, String> expected = AllPairsOracle.links(traffic.accepted());

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      // The topic takes the 2 MB values; the job's own limits are its defaults.
      broker.createTopic(INPUT, PARTITIONS, Map.of("max.message.bytes", String.valueOf(4 << 20)));
      Topics topics = new Topics(broker.bootstrapServers());
      PipelineResult job =
          KafkaJobs.start(broker, NAME, "--maxOutOfOrderMs=" + BOUND_MS, "--idleFlushMs=3600000",
              "--idlePartitionMs=2000");
      try {
        topics.feedAll(INPUT, PARTITIONS, PER_SECOND, stream.stream().map(Sent::message).toList());
        List<ConsumerRecord<String, String>> linked =
            topics.readUntil(NAME + "-out", read -> read.size() >= expected.size() || stopped(job), WAIT);
        long bad = stream.stream().filter(sent -> sent.bad() != null).count();
        List<ConsumerRecord<String, String>> deadLetters =
            topics.readUntil(NAME + "-dead", read -> read.size() >= bad || stopped(job), WAIT);

        assertEquals(PipelineResult.State.RUNNING, state(job), "the job failed");
        assertEveryBadRecordIsDeadLetteredOnce(stream, deadLetters);
        // Each id once: a restarted job would have written some twice.
        assertEquals(expected, LinkedOutput.linksKeyedById(linked));
      } finally {
        if (!stopped(job)) {
          job.cancel();
        }
      }
    }
  }

  /**
   * The traces' calls in an order none is later than the bound in, some written oddly; COPIES of
   * each bad kind at random places among them; last, a call far later, which moves the watermark
   * past all of them and is itself held to the end.
   */
  private static Traffic traffic(Random random) {
    List<Sent> stream = new ArrayList<>();
    List<CallRecord> accepted = new ArrayList<>();
    List<CallRecord> arrivals = ArrivalStream.shuffledWithinBound(traces(random), BOUND_MS, random);
    Map<Integer, Odd> oddities = spread(oddKinds(), arrivals.size(), random);
    for (int i = 0; i < arrivals.size(); i++) {
      CallRecord call = arrivals.get(i);
      Odd odd = oddities.get(i);
      stream.add(new Sent(odd == null ? keyedById(call) : odd.written().apply(call), null));
      accepted.add(odd == null ? call : odd.read().apply(call));
    }
    for (Bad bad : badKinds()) {
      for (int copy = 0; copy < COPIES; copy++) {
        stream.add(random.nextInt(stream.size() + 1), new Sent(bad.message(), bad));
      }
    }
    long later = BASE + 3_600_000;
    stream.add(new Sent(Message.of(TestCalls.json(call("sentinel", "s1", "s2", later, later + 1))), null));
    return new Traffic(stream, accepted);
  }

  private static boolean stopped(PipelineResult job) {
    return state(job) != PipelineResult.State.RUNNING;
  }

  /** UNKNOWN once the cluster is gone: a task stuck past Flink's cancellation timeout takes it down. */
  private static PipelineResult.State state(PipelineResult job) {
    try {
      return job.getState();
    } catch (RuntimeException e) {
      return PipelineResult.State.UNKNOWN;
    }
  }

  /**
   * One dead letter per bad record and no other, found by origin: message {@code i} of the stream
   * is at partition {@code i % PARTITIONS}, offset {@code i / PARTITIONS} (Topics.feedAll).
   */
  private static void assertEveryBadRecordIsDeadLetteredOnce(
      List<Sent> stream, List<ConsumerRecord<String, String>> deadLetters) throws Exception {
    Map<String, JsonNode> byOrigin = new TreeMap<>();
    for (ConsumerRecord<String, String> record : deadLetters) {
      JsonNode letter = LinkedOutput.read(record.value());
      JsonNode origin = letter.get("origin");
      assertEquals(INPUT, origin.get("topic").asText(), record.value());
      String at = origin.get("partition").asInt() + "@" + origin.get("offset").asLong();
      assertNull(byOrigin.put(at, letter), "two dead letters from " + at);
    }
    Map<String, Bad> expected = new TreeMap<>();
    for (int i = 0; i < stream.size(); i++) {
      if (stream.get(i).bad() != null) {
        expected.put(i % PARTITIONS + "@" + i / PARTITIONS, stream.get(i).bad());
      }
    }
    assertEquals(expected.keySet(), byOrigin.keySet(), "where the dead letters came from");
    for (Map.Entry<String, Bad> bad : expected.entrySet()) {
      assertDeadLetter(bad.getValue(), byOrigin.get(bad.getKey()));
    }
  }

  /** The reason, and the original: as text when it is UTF-8, else base64, and cut to fit when too large. */
  private static void assertDeadLetter(Bad bad, JsonNode letter) throws Exception {
    String kind = bad.kind();
    assertEquals(bad.reason().name(), letter.get("reason_code").asText(), kind);
    String reason = letter.get("reason").asText();
    assertTrue(!reason.isBlank() && reason.contains(bad.says()), kind + ": " + reason);
    // A tombstone is read as an empty value.
    byte[] original = bad.message().value() == null ? new byte[0] : bad.message().value();
    if (letter.has("original_truncated")) {
      assertEquals(original.length, letter.get("original_bytes").asInt(), kind);
      assertEquals(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)),
          letter.get("original_sha256").asText(),
          kind);
      return;
    }
    String text = new String(original, StandardCharsets.UTF_8);
    boolean utf8 = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), original);
    assertEquals(!utf8, letter.has("original_encoding"), kind);
    if (utf8) {
      assertEquals(text, letter.get("original").asText(), kind);
    } else {
      assertArrayEquals(original, Base64.getDecoder().decode(letter.get("original").asText()), kind);
    }
  }

  /**
   * Traces of the simulator's shape (README, "The simulator"): a client calls Main, Main calls Sub1
   * and Sub2, Sub2 calls Sub3, on addresses from small pools; a trace every 0.4 ms of event time,
   * 10,000 calls a second. Many traces run at once at each address, so most calls have several
   * parents or children.
   */
  private static List<CallRecord> traces(Random random) {
    List<CallRecord> calls = new ArrayList<>();
    for (int t = 0; t < TRACES; t++) {
      long start = BASE + t * 1000L * CALLS_PER_TRACE / PER_SECOND;
      String main = "10.1.0." + random.nextInt(64);
      String sub2 = "10.3.0." + random.nextInt(32);
      calls.add(call("t" + t + "-main", "10.0.0." + random.nextInt(4), main, start, start + 100 + random.nextInt(40)));
      calls.add(call("t" + t + "-sub1", main, "10.2.0." + random.nextInt(8), start + 20, start + 50 + random.nextInt(10)));
      calls.add(call("t" + t + "-sub2", main, sub2, start + 20, start + 60 + random.nextInt(10)));
      calls.add(call("t" + t + "-sub3", sub2, "10.4.0." + random.nextInt(8), start + 50, start + 60));
    }
    return calls;
  }

  /** Each kind at COPIES random positions of the stream, none sharing one. */
  private static Map<Integer, Odd> spread(List<Odd> kinds, int positions, Random random) {
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < positions; i++) {
      free.add(i);
    }
    Collections.shuffle(free, random);
    Map<Integer, Odd> at = new HashMap<>();
    for (Odd kind : kinds) {
      for (int copy = 0; copy < COPIES; copy++) {
        at.put(free.remove(free.size() - 1), kind);
      }
    }
    return at;
  }

  /** The valid traffic's message: keyed by id, as a producer might; the pipeline ignores keys. */
  private static Message keyedById(CallRecord call) {
    return new Message(utf8(call.id()), utf8(TestCalls.json(call)));
  }

  /** What SPEC §1 accepts though it looks wrong: each is linked like any other call. */
  private static List<Odd> oddKinds() {
    return List.of(
        new Odd("a null Kafka key", call -> Message.of(TestCalls.json(call)), call -> call),
        new Odd("a Kafka key that is not UTF-8",
            call -> new Message(new byte[] {(byte) 0xff, 0, (byte) 0xc0}, utf8(TestCalls.json(call))), call -> call),
        new Odd("an integer id of 300 digits",
            call -> Message.of(log("\"id\":" + digitsOf(call.id()), addresses(call), times(call))),
            call -> renamed(call, digitsOf(call.id()))),
        new Odd("an id in Chinese with an emoji",
            call -> keyedById(renamed(call, "调用🙂" + call.id())), call -> renamed(call, "调用🙂" + call.id())),
        new Odd("an id with escaped control characters",
            call -> Message.of(log("\"id\":\"" + call.id() + "\\u0000\\t\"", addresses(call), times(call))),
            call -> renamed(call, call.id() + "\u0000\t")),
        new Odd("times with a fraction of 300 digits",
            call -> Message.of(log(id(call), addresses(call), "\"start_at_ms\":" + call.startAtMs() + "." + "9".repeat(300),
                "\"end_at_ms\":" + call.endAtMs() + "." + "1".repeat(300))),
            call -> call),
        new Odd("times as numeric strings",
            call -> Message.of(log(id(call), addresses(call), "\"start_at_ms\":\"" + call.startAtMs() + ".5\"",
                "\"end_at_ms\":\"" + call.endAtMs() + "\"")),
            call -> call),
        new Odd("an end derived from a fractional latency",
            call -> Message.of(log(id(call), addresses(call), "\"start_at_ms\":" + call.startAtMs(),
                "\"latency_msec\":" + (call.endAtMs() - call.startAtMs()) + ".75")),
            call -> call),
        new Odd("a latency of 300 digits beside both times",
            call -> Message.of(log(id(call), addresses(call), times(call), "\"latency_msec\":" + "9".repeat(300))),
            call -> call),
        new Odd("an extra field nested 999 deep, 1,000 with the record: the limit",
            call -> Message.of(log(id(call), addresses(call), times(call), "\"deep\":" + "[".repeat(999) + "]".repeat(999))),
            call -> call),
        new Odd("extra fields of every JSON type, numbers of 300 digits and \"NaN\"",
            call -> Message.of(log(id(call), addresses(call), times(call), "\"n\":-" + "7".repeat(300) + "e-5",
                "\"s\":\"NaN\"", "\"b\":false", "\"z\":null", "\"o\":{\"k\":[1,{},[]]}")),
            call -> call),
        new Odd("an extra field holding half a surrogate pair, escaped: kept as it is",
            call -> Message.of(log(id(call), addresses(call), times(call), "\"note\":\"\\ud800\"")), call -> call),
        new Odd("an extra field named like id but in capitals",
            call -> Message.of(log(id(call), "\"ID\":\"other\"", addresses(call), times(call))), call -> call),
        new Odd("trace_id and depth from a partly traced system",
            call -> Message.of(log(id(call), addresses(call), times(call), "\"trace_id\":\"tr-1\"", "\"depth\":2")),
            call -> call),
        new Odd("a UTF-8 byte order mark, which JSON parsers may ignore",
            call -> new Message(null, bytes(0xef, 0xbb, 0xbf, TestCalls.json(call))), call -> call),
        new Odd("pretty-printed over several lines",
            call -> Message.of(TestCalls.json(call).replace(",", ",\n  ").replace(":", " : ")), call -> call));
  }

  /** Every rejection class (BadCallLogs), and malformed records of every sort a producer might send. */
  private static List<Bad> badKinds() {
    List<Bad> kinds = new ArrayList<>();
    BadCallLogs.EXAMPLES.forEach((reason, json) -> kinds.add(bad("BadCallLogs' " + reason, reason, "", json)));
    kinds.addAll(
        List.of(
            bad("a value of 2 MB", Rejection.TOO_LARGE, "1 MiB", "{\"pad\":\"" + "x".repeat(2 << 20) + "\"}"),
            new Bad("a tombstone: a null value", Rejection.NOT_AN_OBJECT, "not a JSON object", new Message(null, null)),
            new Bad("a null key and an empty value", Rejection.NOT_AN_OBJECT, "not a JSON object",
                new Message(null, new byte[0])),
            bad("an array of calls", Rejection.NOT_AN_OBJECT, "not a JSON object", "[" + CALL + "]"),
            bad("a string", Rejection.NOT_AN_OBJECT, "not a JSON object", "\"" + CALL.replace("\"", "\\\"") + "\""),
            bad("arrays nested 10,000 deep", Rejection.NOT_AN_OBJECT, "not a JSON object",
                "[".repeat(10_000) + "]".repeat(10_000)),
            bad("objects nested 10,000 deep", Rejection.NOT_JSON, "nesting depth",
                "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
            bad("an extra field nested 10,000 deep", Rejection.NOT_JSON, "nesting depth",
                log(ID, ADDRESSES, TIMES, "\"deep\":" + "[".repeat(10_000) + "]".repeat(10_000))),
            bad("a call cut short", Rejection.NOT_JSON, "end-of-input", CALL.substring(0, CALL.length() / 2)),
            bad("data after the object", Rejection.NOT_JSON, "trailing", CALL + " {}"),
            bad("a raw control character in the id", Rejection.NOT_JSON, "CTRL-CHAR",
                log("\"id\":\"b\u0001d\"", ADDRESSES, TIMES)),
            bad("a bare NaN", Rejection.NOT_JSON, "NaN", log(ID, ADDRESSES, "\"start_at_ms\":NaN", "\"end_at_ms\":1500")),
            bad("NaN in a string", Rejection.NOT_A_NUMBER, "'start_at_ms'",
                log(ID, ADDRESSES, "\"start_at_ms\":\"NaN\"", "\"end_at_ms\":1500")),
            bad("Infinity in a string", Rejection.NOT_A_NUMBER, "'latency_msec'",
                log(ID, ADDRESSES, "\"start_at_ms\":1000", "\"latency_msec\":\"Infinity\"")),
            bad("a null id", Rejection.MISSING_FIELD, "'id'", log("\"id\":null", ADDRESSES, TIMES)),
            bad("no times at all", Rejection.MISSING_FIELD, "'start_at_ms'", log(ID, ADDRESSES)),
            bad("an empty dst_ip", Rejection.EMPTY_FIELD, "'dst_ip'",
                log(ID, "\"src_ip\":\"10.9.0.1\"", "\"dst_ip\":\"\"", TIMES)),
            bad("an address as a number", Rejection.WRONG_TYPE, "'src_ip'",
                log(ID, "\"src_ip\":10.9", "\"dst_ip\":\"10.9.0.2\"", TIMES)),
            bad("an id as an object", Rejection.WRONG_TYPE, "'id'", log("\"id\":{\"v\":1}", ADDRESSES, TIMES)),
            bad("a time with 300 digits", Rejection.OUT_OF_RANGE, "'start_at_ms'",
                log(ID, ADDRESSES, "\"start_at_ms\":" + "9".repeat(300), "\"end_at_ms\":1500")),
            bad("a number of 1,500 digits, over JSON's limit", Rejection.NOT_JSON, "Number value length",
                log(ID, ADDRESSES, TIMES, "\"n\":" + "9".repeat(1_500))),
            bad("a time of 900,000 digits in a string", Rejection.FIELD_TOO_LONG, "'start_at_ms'",
                log(ID, ADDRESSES, "\"start_at_ms\":\"" + "9".repeat(900_000) + "\"", "\"end_at_ms\":1500")),
            bad("a start one past a long", Rejection.OUT_OF_RANGE, "'start_at_ms'",
                log(ID, ADDRESSES, "\"start_at_ms\":9223372036854775808", "\"end_at_ms\":9223372036854775809")),
            bad("an end at the largest long", Rejection.OUT_OF_RANGE, "'end_at_ms'",
                log(ID, ADDRESSES, "\"start_at_ms\":1000", "\"end_at_ms\":" + Long.MAX_VALUE)),
            bad("a start plus latency past a long", Rejection.OUT_OF_RANGE, "'end_at_ms'",
                log(ID, ADDRESSES, "\"start_at_ms\":9000000000000000", "\"latency_msec\":" + Long.MAX_VALUE)),
            bad("an end of 1e-999999999, which truncates to 0", Rejection.END_BEFORE_START, "end_at_ms 0 is before",
                log(ID, ADDRESSES, "\"start_at_ms\":1000", "\"end_at_ms\":1e-999999999")),
            bad("an end of \"1e-500000000\", which truncates to 0", Rejection.END_BEFORE_START, "end_at_ms 0 is before",
                log(ID, ADDRESSES, "\"start_at_ms\":1000", "\"end_at_ms\":\"1e-500000000\"")),
            bad("an exponent past an int", Rejection.NOT_A_NUMBER, "'start_at_ms'",
                log(ID, ADDRESSES, "\"start_at_ms\":1e-2147483649", "\"end_at_ms\":1500")),
            bad("a key given twice in an extra object", Rejection.DUPLICATE_FIELD, "'k'",
                log(ID, ADDRESSES, TIMES, "\"o\":{\"k\":1,\"k\":2}")),
            bad("the output's best_parent", Rejection.RESERVED_FIELD, "'best_parent'",
                log(ID, ADDRESSES, TIMES, "\"best_parent\":\"p\"")),
            bad("the output's revision", Rejection.RESERVED_FIELD, "'revision'", log(ID, ADDRESSES, TIMES, "\"revision\":2")),
            bad("a stray UTF-8 continuation byte", Rejection.NOT_JSON, "not UTF-8",
                bytes("{\"id\":\"b", 0x80, "d\"," + ADDRESSES + "," + TIMES + "}")),
            bad("an overlong \"/\" in the id", Rejection.NOT_JSON, "not UTF-8",
                bytes("{\"id\":\"b", 0xc0, 0xaf, "d\"," + ADDRESSES + "," + TIMES + "}")),
            bad("a surrogate encoded in UTF-8, in an extra field", Rejection.NOT_JSON, "not UTF-8",
                bytes(CALL.substring(0, CALL.length() - 1) + ",\"note\":\"", 0xed, 0xa0, 0x80, "\"}")),
            bad("a code point past U+10FFFF", Rejection.NOT_JSON, "not UTF-8",
                bytes("{\"id\":\"b", 0xf4, 0x90, 0x80, 0x80, "d\"," + ADDRESSES + "," + TIMES + "}")),
            bad("a call log in UTF-16", Rejection.NOT_JSON, "not UTF-8",
                log(ID, ADDRESSES, TIMES, "\"note\":1").getBytes(StandardCharsets.UTF_16LE)),
            bad("half a surrogate pair in src_ip", Rejection.NOT_JSON, "surrogate",
                log(ID, "\"src_ip\":\"10.9.0.1\\udc00\"", "\"dst_ip\":\"10.9.0.2\"", TIMES))));
    return kinds;
  }

  private static Bad bad(String kind, Rejection reason, String says, String json) {
    return bad(kind, reason, says, utf8(json));
  }

  private static Bad bad(String kind, Rejection reason, String says, byte[] value) {
    return new Bad(kind, reason, says, new Message(null, value));
  }

  /** A JSON object of the given members. */
  private static String log(String... members) {
    return "{" + String.join(",", members) + "}";
  }

  private static String id(CallRecord call) {
    return "\"id\":\"" + call.id() + "\"";
  }

  private static String addresses(CallRecord call) {
    return "\"src_ip\":\"" + call.srcIp() + "\",\"dst_ip\":\"" + call.dstIp() + "\"";
  }

  private static String times(CallRecord call) {
    return "\"start_at_ms\":" + call.startAtMs() + ",\"end_at_ms\":" + call.endAtMs();
  }

  private static CallRecord renamed(CallRecord call, String id) {
    return call(id, call.srcIp(), call.dstIp(), call.startAtMs(), call.endAtMs());
  }

  /** An id's bytes as a decimal number, after 280 nines: distinct ids give distinct numbers. */
  private static String digitsOf(String id) {
    return "9".repeat(280) + new BigInteger(1, utf8(id));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Text as UTF-8 and integers as single bytes, in order: values that no String can hold. */
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String text) {
        out.writeBytes(utf8(text));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }
}

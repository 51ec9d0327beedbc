package dev.callchain.pipeline.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.Rejection;
import dev.callchain.pipeline.testing.BadCallLogs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallLogParserTest {
  private static final CallLogParser PARSER = new CallLogParser();
  private static final String TIMES = "\"start_at_ms\":1000,\"end_at_ms\":1500";

  private static ParseResult parse(String json) {
    return PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static CallRecord accepted(String json) {
    ParseResult result = parse(json);
    assertTrue(result.isAccepted(), () -> "rejected: " + result.detail());
    return result.call();
  }

  private static void assertRejected(String json, Rejection reason, String detailMentions) {
    assertRejected(json.getBytes(StandardCharsets.UTF_8), reason, detailMentions);
  }

  private static void assertRejected(byte[] value, Rejection reason, String detailMentions) {
    ParseResult result = PARSER.parse(value);
    assertFalse(result.isAccepted(), () -> "accepted: " + new String(value, StandardCharsets.UTF_8));
    assertEquals(reason, result.rejection(), result.detail());
    assertTrue(
        result.detail().contains(detailMentions),
        () -> "'" + result.detail() + "' does not mention " + detailMentions);
  }

  @Test
  void everyRejectionClassHasAnExample() {
    EnumSet<Rejection> ofInput = EnumSet.noneOf(Rejection.class);
    for (Rejection reason : Rejection.values()) {
      if (reason.ofInput()) {
        ofInput.add(reason);
      }
    }
    assertEquals(ofInput, BadCallLogs.EXAMPLES.keySet());
    BadCallLogs.EXAMPLES.forEach((reason, json) -> assertRejected(json, reason, ""));
  }

  @Test
  void acceptsTheSimulatorsRecord() {
    CallRecord call =
        accepted(
            "{\"id\":\"msg_1\",\"src_ip\":\"10.0.0.1\",\"dst_ip\":\"10.1.0.2\","
                + "\"start_at_ms\":1000,\"latency_msec\":500,\"end_at_ms\":1500}");
    assertEquals("msg_1", call.id());
    assertEquals("10.0.0.1", call.srcIp());
    assertEquals("10.1.0.2", call.dstIp());
    assertEquals(1000, call.startAtMs());
    assertEquals(1500, call.endAtMs());
    assertEquals(500.0, call.latencyMsec());
    assertEquals(0, call.extraFields().length);
  }

  @Test
  void integerIdBecomesItsDecimalString() {
    assertEquals("42", accepted("{\"id\":42,\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}").id());
    assertEquals(
        "123456789012345678901234567890",
        accepted("{\"id\":123456789012345678901234567890,\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}")
            .id());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1000.9 | 1000",
        "\"1000.9\" | 1000",
        "\"1000\" | 1000",
        "-1000.9 | -1000",
        "1e3 | 1000",
        "\"1.5e3\" | 1500"
      })
  void timesAreTruncatedTowardZero(String start, long expected) {
    CallRecord call =
        accepted(
            "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":" + start
                + ",\"end_at_ms\":5000}");
    assertEquals(expected, call.startAtMs());
  }

  @Test
  void endIsDerivedFromLatencyAndLatencyFromTimes() {
    CallRecord fromLatency =
        accepted("{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1000,\"latency_msec\":30.7}");
    assertEquals(1030, fromLatency.endAtMs());
    assertEquals(30.7, fromLatency.latencyMsec());
    CallRecord fromTimes = accepted("{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}");
    assertEquals(500.0, fromTimes.latencyMsec());
  }

  @Test
  void microsecondsInTheirMillisecondPassThroughAsTheyCame() {
    String micros = "\"start_at_us\":1000999,\"end_at_us\":\"1500000\"";
    CallRecord call = accepted("{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "," + micros + "}");
    assertEquals(1000, call.startAtMs());
    assertEquals(micros, new String(call.extraFields(), StandardCharsets.UTF_8));
  }

  @Test
  void rejectsMicrosecondsAloneOutOfTheirMillisecondOrBackwards() {
    String head = "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + ",";
    assertRejected(head + "\"start_at_us\":1000000}", Rejection.MISSING_FIELD, "end_at_us");
    assertRejected(head + "\"end_at_us\":1500000}", Rejection.MISSING_FIELD, "start_at_us");
    // 1,001,000 us is millisecond 1001, not start_at_ms 1000.
    assertRejected(
        head + "\"start_at_us\":1001000,\"end_at_us\":1500000}", Rejection.TIMES_DISAGREE, "start_at_ms 1000");
    assertRejected(
        head + "\"start_at_us\":1000000,\"end_at_us\":1499999}", Rejection.TIMES_DISAGREE, "end_at_ms 1500");
    // A tiny exponent is named, not written out in full.
    assertRejected(
        head + "\"start_at_us\":1e-500000000,\"end_at_us\":1500000}", Rejection.TIMES_DISAGREE, "1E-500000000");
    assertRejected(head + "\"start_at_us\":true,\"end_at_us\":1500000}", Rejection.WRONG_TYPE, "start_at_us");
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1000,\"end_at_ms\":1000,"
            + "\"start_at_us\":1000500,\"end_at_us\":1000200}",
        Rejection.END_BEFORE_START,
        "end_at_us 1000200");
  }

  @Test
  void extraFieldsPassThroughByteForByte() {
    String extra1 = "\"x\": 1.50";
    String extra2 = "\"obj\":{\"k\":[1, 2, {\"z\":null}]}";
    String extra3 = "\"s\":\"é \\\"quoted\\\" 🙂\"";
    String extra4 = "\"flag\":true";
    CallRecord call =
        accepted(
            "{\"id\":\"a\"," + extra1 + " ,\"src_ip\":\"a\"," + extra2 + ",\"dst_ip\":\"b\","
                + extra3 + "," + TIMES + "," + extra4 + "}");
    assertEquals(
        extra1 + "," + extra2 + "," + extra3 + "," + extra4,
        new String(call.extraFields(), StandardCharsets.UTF_8));
  }

  @Test
  void unicodeIdsCountCharactersNotBytes() {
    String id = "调".repeat(1024);
    assertEquals(id, accepted("{\"id\":\"" + id + "\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}").id());
    String emoji = "🙂".repeat(1024); // 2048 UTF-16 units, 1024 characters
    assertEquals(
        emoji, accepted("{\"id\":\"" + emoji + "\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}").id());
  }

  @Test
  void rejectsOversizedValues() {
    String padding = "x".repeat(CallLogParser.MAX_VALUE_BYTES);
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + ",\"pad\":\"" + padding + "\"}",
        Rejection.TOO_LARGE,
        "1 MiB");
  }

  @Test
  void rejectsWhatIsNotJson() {
    assertRejected("{not json", Rejection.NOT_JSON, "not valid JSON");
    assertRejected("", Rejection.NOT_AN_OBJECT, "not a JSON object");
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "} {}", Rejection.NOT_JSON, "trailing");
  }

  /**
   * Jackson decodes overlong forms, encoded surrogates and code points past U+10FFFF without a
   * word: the id "x" + overlong "/" was accepted as "x/". A value with NUL bytes it reads as UTF-16
   * or UTF-32, and slicing its extra fields by byte offset threw out of the parser.
   */
  @ParameterizedTest
  @CsvSource({"c0af, 2", "eda080, 2", "f4908080, 2", "80, 2", "e282, 2", "00, 2"})
  void rejectsWhatIsNotUtf8(String hex, int at) {
    byte[] bad = HexFormat.of().parseHex(hex);
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    value.writeBytes("{\"".getBytes(StandardCharsets.UTF_8));
    value.writeBytes(bad);
    value.writeBytes(("\":1,\"id\":\"x\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}").getBytes(StandardCharsets.UTF_8));
    assertRejected(value.toByteArray(), Rejection.NOT_JSON, "byte " + at + " (0x" + hex.substring(0, 2) + ")");
    String utf16 = "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + ",\"note\":1}";
    assertRejected(utf16.getBytes(StandardCharsets.UTF_16LE), Rejection.NOT_JSON, "not UTF-8");
  }

  /** Half a surrogate pair is no character: a coder wrote it as '?', the output writer threw on it. */
  @Test
  void rejectsHalfASurrogatePairInAnIdOrAnAddress() {
    assertRejected(
        "{\"id\":\"a\\ud800\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}", Rejection.NOT_JSON, "\\ud800");
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"\\udc00\\ud83d\",\"dst_ip\":\"b\"," + TIMES + "}", Rejection.NOT_JSON, "'src_ip'");
    assertEquals(
        "\ud83d\ude42", accepted("{\"id\":\"\\ud83d\\ude42\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}").id());
  }

  @Test
  void rejectsWhatIsNotAnObject() {
    assertRejected("[1,2]", Rejection.NOT_AN_OBJECT, "not a JSON object");
    assertRejected("\"text\"", Rejection.NOT_AN_OBJECT, "not a JSON object");
    assertRejected("42", Rejection.NOT_AN_OBJECT, "not a JSON object");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1,\"end_at_ms\":2} | 'id'",
        "{\"id\":null,\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1,\"end_at_ms\":2} | 'id'",
        "{\"id\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1,\"end_at_ms\":2} | 'src_ip'",
        "{\"id\":\"a\",\"src_ip\":\"a\",\"start_at_ms\":1,\"end_at_ms\":2} | 'dst_ip'",
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"end_at_ms\":2} | 'start_at_ms'",
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1} | 'end_at_ms'"
      })
  void rejectsMissingFields(String json, String field) {
    assertRejected(json, Rejection.MISSING_FIELD, field);
  }

  @Test
  void rejectsEmptyAndOversizedFields() {
    assertRejected("{\"id\":\"\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}", Rejection.EMPTY_FIELD, "'id'");
    assertRejected("{\"id\":\"a\",\"src_ip\":\"\",\"dst_ip\":\"b\"," + TIMES + "}", Rejection.EMPTY_FIELD, "'src_ip'");
    assertRejected(
        "{\"id\":\"" + "i".repeat(1025) + "\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}",
        Rejection.FIELD_TOO_LONG,
        "'id'");
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"" + "d".repeat(256) + "\"," + TIMES + "}",
        Rejection.FIELD_TOO_LONG,
        "'dst_ip'");
  }

  @Test
  void rejectsWrongTypes() {
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":true,\"end_at_ms\":2}",
        Rejection.WRONG_TYPE,
        "boolean where a number belongs");
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1,\"latency_msec\":false}",
        Rejection.WRONG_TYPE,
        "'latency_msec'");
    assertRejected("{\"id\":1.5,\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}", Rejection.WRONG_TYPE, "'id'");
    assertRejected("{\"id\":\"a\",\"src_ip\":5,\"dst_ip\":\"b\"," + TIMES + "}", Rejection.WRONG_TYPE, "'src_ip'");
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":[1],\"end_at_ms\":2}",
        Rejection.WRONG_TYPE,
        "'start_at_ms'");
  }

  @Test
  void rejectsNonNumericAndOutOfRangeTimes() {
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":\"soon\",\"end_at_ms\":2}",
        Rejection.NOT_A_NUMBER,
        "'start_at_ms'");
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1e30,\"end_at_ms\":2}",
        Rejection.OUT_OF_RANGE,
        "'start_at_ms'");
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1,\"end_at_ms\":99999999999999999999}",
        Rejection.OUT_OF_RANGE,
        "'end_at_ms'");
  }

  /**
   * Truncating a time scaled it by its exponent's power of ten: "1e-500000000" held the parser for
   * minutes, 1e-999999999 overflowed BigInteger and threw out of it.
   */
  @Test
  void aTimeUnderOneMillisecondIsZeroWhateverItsExponent() {
    assertEquals(
        0,
        accepted("{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":\"1e-500000000\",\"end_at_ms\":5}")
            .startAtMs());
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1000,\"end_at_ms\":1e-999999999}",
        Rejection.END_BEFORE_START,
        "end_at_ms 0");
  }

  /** Jackson's NumberFormatException went out of the parser. */
  @Test
  void rejectsANumberWhoseExponentNoDecimalHolds() {
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1e-2147483649,\"end_at_ms\":2}",
        Rejection.NOT_A_NUMBER,
        "'start_at_ms'");
  }

  /** A time of 900,000 digits in a string held the parser 13 s: BigDecimal reads them in quadratic time. */
  @Test
  void rejectsANumericStringLongerThanAJsonNumberMayBe() {
    String digits = "1000." + "9".repeat(CallLogParser.MAX_NUMBER_CHARS);
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":\"" + digits + "\",\"end_at_ms\":5000}",
        Rejection.FIELD_TOO_LONG,
        "'start_at_ms'");
  }

  @Test
  void rejectsEndBeforeStart() {
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":2000,\"end_at_ms\":1999}",
        Rejection.END_BEFORE_START,
        "before start_at_ms");
  }

  @Test
  void rejectsDuplicateFields() {
    assertRejected(
        "{\"id\":\"a\",\"id\":\"b\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + "}",
        Rejection.DUPLICATE_FIELD,
        "'id'");
  }

  /** Every field of the output's own (SPEC §1): best_parent, parent_scores and revision were let through. */
  @ParameterizedTest
  @CsvSource({"parents, []", "children, []", "best_parent, \"p\"", "parent_scores, {}", "revision, 1"})
  void rejectsReservedFields(String field, String value) {
    assertRejected(
        "{\"id\":\"a\",\"src_ip\":\"a\",\"dst_ip\":\"b\"," + TIMES + ",\"" + field + "\":" + value + "}",
        Rejection.RESERVED_FIELD,
        "'" + field + "'");
  }
}

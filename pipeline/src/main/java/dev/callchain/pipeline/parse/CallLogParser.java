package dev.callchain.pipeline.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;

/**
 * The one owner of SPEC §1: turns a raw message value into a {@link CallRecord} or a rejection
 * with its reason in words. Streaming Jackson, no tree: fields this product does not read are
 * sliced out of the input as raw bytes and passed through unchanged.
 */
public final class CallLogParser implements Serializable {
  public static final int MAX_VALUE_BYTES = 1 << 20;
  static final int MAX_ID_CHARS = 1024;
  static final int MAX_IP_CHARS = 255;
  /** Jackson's limit on a JSON number's length, which the parser applies to numeric strings too. */
  static final int MAX_NUMBER_CHARS = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;
  // Event times (and the timers set a little after them) must stay inside Beam's global window.
  private static final long MAX_TIME_MS = GlobalWindow.INSTANCE.maxTimestamp().getMillis() - 60_000;
  private static final long MIN_TIME_MS = BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis() + 60_000;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** Parses one value; never throws for bad input. */
  public ParseResult parse(byte[] value) {
    if (value.length > MAX_VALUE_BYTES) {
      return ParseResult.rejected(
          Rejection.TOO_LARGE,
          "record is " + value.length + " bytes, over the limit of " + MAX_VALUE_BYTES + " (1 MiB)");
    }
    int notUtf8 = notUtf8JsonAt(value);
    if (notUtf8 >= 0) {
      return ParseResult.rejected(
          Rejection.NOT_JSON,
          String.format("not valid JSON: byte %d (0x%02x) is not UTF-8 JSON text", notUtf8, value[notUtf8]));
    }
    try (JsonParser json = JSON.createParser(value)) {
      return ParseResult.accepted(readCall(json, value));
    } catch (Rejected r) {
      return ParseResult.rejected(r.reason, r.getMessage());
    } catch (JsonParseException e) {
      String message = e.getOriginalMessage();
      if (message.startsWith("Duplicate field")) {
        return ParseResult.rejected(Rejection.DUPLICATE_FIELD, message);
      }
      return ParseResult.rejected(Rejection.NOT_JSON, "not valid JSON: " + message);
    } catch (IOException e) {
      return ParseResult.rejected(Rejection.NOT_JSON, "not valid JSON: " + e.getMessage());
    }
  }

  /**
   * Where the value stops being JSON text in UTF-8 (SPEC §1), or -1. Jackson decodes overlong
   * forms, encoded surrogates and code points past U+10FFFF without a word (an overlong "/" in an
   * id became "/", and in an extra field went out as it came, making the output invalid UTF-8),
   * and it reads a value with NUL bytes as UTF-16 or UTF-32, whose extra fields it cannot slice by
   * byte offset (that threw out of the parser, in the Kafka reader). JSON text in UTF-8 never holds
   * a NUL byte.
   */
  private static int notUtf8JsonAt(byte[] value) {
    boolean ascii = true;
    for (int i = 0; i < value.length; i++) {
      if (value[i] == 0) {
        return i;
      }
      ascii &= value[i] > 0;
    }
    return ascii ? -1 : Utf8.invalidAt(value);
  }


  private CallRecord readCall(JsonParser json, byte[] value) throws IOException {
    if (json.nextToken() != JsonToken.START_OBJECT) {
      throw new Rejected(Rejection.NOT_AN_OBJECT, "not a JSON object");
    }
    String id = null;
    String srcIp = null;
    String dstIp = null;
    Long start = null;
    Long end = null;
    Double latency = null;
    BigDecimal startUs = null;
    BigDecimal endUs = null;
    ByteArrayOutputStream extra = null;
    for (JsonToken token = json.nextToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
      String field = json.currentName();
      long memberStart = json.currentTokenLocation().getByteOffset();
      JsonToken valueToken = json.nextToken();
      switch (field) {
        case "id":
          id = readId(json, valueToken);
          break;
        case "src_ip":
          srcIp = readAddress(json, valueToken, field);
          break;
        case "dst_ip":
          dstIp = readAddress(json, valueToken, field);
          break;
        case "start_at_ms":
          start = readTime(json, valueToken, field);
          break;
        case "end_at_ms":
          end = readTime(json, valueToken, field);
          break;
        case "latency_msec":
          latency = readLatency(json, valueToken);
          break;
        // Checked here, passed through as they came: the linking rule is in milliseconds.
        case "start_at_us":
          startUs = readMicros(json, valueToken, field);
          extra = appendMember(json, valueToken, value, memberStart, extra);
          break;
        case "end_at_us":
          endUs = readMicros(json, valueToken, field);
          extra = appendMember(json, valueToken, value, memberStart, extra);
          break;
        case "parents":
        case "children":
        case "best_parent":
        case "parent_scores":
        case "revision":
          throw new Rejected(
              Rejection.RESERVED_FIELD, "field '" + field + "' is reserved for the linked output");
        default:
          extra = appendMember(json, valueToken, value, memberStart, extra);
      }
    }
    if (json.nextToken() != null) {
      throw new Rejected(Rejection.NOT_JSON, "not valid JSON: trailing data after the object");
    }
    require(id, "id");
    require(srcIp, "src_ip");
    require(dstIp, "dst_ip");
    require(start, "start_at_ms");
    if (end == null && latency == null) {
      throw new Rejected(
          Rejection.MISSING_FIELD, "missing field 'end_at_ms' (and no 'latency_msec' to derive it)");
    }
    if (end == null) {
      end = checkedTime(BigDecimal.valueOf(start).add(BigDecimal.valueOf(latency)), "end_at_ms");
    }
    if (end < start) {
      throw new Rejected(
          Rejection.END_BEFORE_START,
          "end_at_ms " + end + " is before start_at_ms " + start);
    }
    checkMicros(startUs, endUs, start, end);
    double latencyMsec = latency != null ? latency : (double) (end - start);
    return new CallRecord(
        id, srcIp, dstIp, start, end, latencyMsec, extra == null ? null : extra.toByteArray());
  }

  private static String readId(JsonParser json, JsonToken token) throws IOException {
    String id;
    if (token == JsonToken.VALUE_STRING) {
      id = json.getText();
    } else if (token == JsonToken.VALUE_NUMBER_INT) {
      id = json.getText();
    } else if (token == JsonToken.VALUE_NULL) {
      return null;
    } else {
      throw new Rejected(
          Rejection.WRONG_TYPE, "field 'id' must be a string or an integer, not " + describe(token));
    }
    return checkedText(id, "id", MAX_ID_CHARS);
  }

  private static String readAddress(JsonParser json, JsonToken token, String field)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw new Rejected(
          Rejection.WRONG_TYPE, "field '" + field + "' must be a string, not " + describe(token));
    }
    return checkedText(json.getText(), field, MAX_IP_CHARS);
  }

  private static String checkedText(String text, String field, int maxChars) {
    if (text.isEmpty()) {
      throw new Rejected(Rejection.EMPTY_FIELD, "field '" + field + "' is empty");
    }
    int unpaired = unpairedSurrogateAt(text);
    if (unpaired >= 0) {
      // Half a surrogate pair, escaped alone, is no character: UTF-8 cannot write it, so Beam's
      // string coder turned it into '?' (two addresses became one) and the output writer threw.
      throw new Rejected(
          Rejection.NOT_JSON,
          String.format(
              "not valid JSON: field '%s' holds \\u%04x, half a surrogate pair, which is no character",
              field, (int) text.charAt(unpaired)));
    }
    if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
      throw new Rejected(
          Rejection.FIELD_TOO_LONG,
          "field '" + field + "' is longer than " + maxChars + " characters");
    }
    return text;
  }

  private static int unpairedSurrogateAt(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static Long readTime(JsonParser json, JsonToken token, String field) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token == JsonToken.VALUE_NUMBER_INT && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long ms = json.getLongValue();
      if (ms > MAX_TIME_MS || ms < MIN_TIME_MS) {
        throw outOfRange(field, json.getText());
      }
      return ms;
    }
    return checkedTime(readNumber(json, token, field), field);
  }

  private static BigDecimal readMicros(JsonParser json, JsonToken token, String field) throws IOException {
    return token == JsonToken.VALUE_NULL ? null : readNumber(json, token, field);
  }

  /**
   * SPEC §1: both or neither, each in the millisecond of its _ms field (truncated alike), and the
   * end not before the start.
   */
  private static void checkMicros(BigDecimal startUs, BigDecimal endUs, long start, long end) {
    if (startUs == null && endUs == null) {
      return;
    }
    if (startUs == null || endUs == null) {
      throw new Rejected(
          Rejection.MISSING_FIELD,
          "missing field '" + (startUs == null ? "start_at_us" : "end_at_us")
              + "': start_at_us and end_at_us come together");
    }
    long startUsMs = checkedTime(startUs.movePointLeft(3), "start_at_us");
    long endUsMs = checkedTime(endUs.movePointLeft(3), "end_at_us");
    if (startUsMs != start || endUsMs != end) {
      boolean atStart = startUsMs != start;
      throw new Rejected(
          Rejection.TIMES_DISAGREE,
          String.format(
              "%s %s is not in the millisecond %s %d",
              atStart ? "start_at_us" : "end_at_us",
              // toString, not toPlainString: 1e-500000000 would be written out in full.
              abbreviate((atStart ? startUs : endUs).toString()),
              atStart ? "start_at_ms" : "end_at_ms",
              atStart ? start : end));
    }
    if (endUs.compareTo(startUs) < 0) {
      throw new Rejected(
          Rejection.END_BEFORE_START,
          "end_at_us " + endUs + " is before start_at_us " + startUs);
    }
  }

  private static Double readLatency(JsonParser json, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    double latency =
        token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
            ? json.getDoubleValue()
            : readNumber(json, token, "latency_msec").doubleValue();
    if (!Double.isFinite(latency)) {
      throw outOfRange("latency_msec", json.getText());
    }
    return latency;
  }

  /** A JSON number, or a string holding one (SPEC §1 accepts both); never a boolean. */
  private static BigDecimal readNumber(JsonParser json, JsonToken token, String field)
      throws IOException {
    switch (token) {
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        try {
          return json.getDecimalValue();
        } catch (NumberFormatException e) { // an exponent past an int: 1e-2147483649
          throw notANumber(field, json.getText());
        }
      case VALUE_STRING:
        String text = json.getText();
        // No longer than a JSON number may be: BigDecimal reads digits in time quadratic in their
        // count, and a time of 900,000 digits held the parser 13 s.
        if (text.length() > MAX_NUMBER_CHARS) {
          throw new Rejected(
              Rejection.FIELD_TOO_LONG,
              "field '" + field + "' is longer than " + MAX_NUMBER_CHARS + " characters");
        }
        try {
          return new BigDecimal(text);
        } catch (NumberFormatException e) {
          throw notANumber(field, text);
        }
      case VALUE_TRUE:
      case VALUE_FALSE:
        throw new Rejected(
            Rejection.WRONG_TYPE, "field '" + field + "' is a boolean where a number belongs");
      default:
        throw new Rejected(
            Rejection.WRONG_TYPE, "field '" + field + "' must be a number, not " + describe(token));
    }
  }

  /** Truncates toward zero ("1000.9" -> 1000) and checks Beam's timestamp range. */
  private static long checkedTime(BigDecimal value, String field) {
    // Decided from the digits before the point, before scaling: truncating scales by a power of
    // ten as large as the exponent, and 10^500000000 (for "1e-500000000", a few bytes) took the
    // parser minutes; 1e-999999999 overflowed BigInteger and the exception stopped the job.
    int integerDigits = value.precision() - value.scale();
    if (integerDigits > 19) {
      throw outOfRange(field, value.toString());
    }
    if (integerDigits <= 0) {
      return 0; // under one millisecond either way
    }
    BigDecimal truncated = value.setScale(0, RoundingMode.DOWN);
    if (truncated.compareTo(BigDecimal.valueOf(MAX_TIME_MS)) > 0
        || truncated.compareTo(BigDecimal.valueOf(MIN_TIME_MS)) < 0) {
      throw outOfRange(field, value.toPlainString());
    }
    return truncated.longValue();
  }

  private static Rejected notANumber(String field, String text) {
    return new Rejected(
        Rejection.NOT_A_NUMBER, "field '" + field + "' is not a number: \"" + abbreviate(text) + "\"");
  }

  private static Rejected outOfRange(String field, String value) {
    return new Rejected(
        Rejection.OUT_OF_RANGE,
        "field '" + field + "' is out of range for epoch milliseconds: " + abbreviate(value));
  }

  /** Copies one member ({@code "name": value}) verbatim from the input. */
  private static ByteArrayOutputStream appendMember(
      JsonParser json, JsonToken token, byte[] value, long memberStart, ByteArrayOutputStream extra)
      throws IOException {
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      json.skipChildren();
    } else {
      json.finishToken();
    }
    int from = (int) memberStart;
    int to = (int) json.currentLocation().getByteOffset();
    if (extra == null) {
      extra = new ByteArrayOutputStream(to - from + 16);
    } else {
      extra.write(',');
    }
    extra.write(value, from, to - from);
    return extra;
  }

  private static void require(Object value, String field) {
    if (value == null) {
      throw new Rejected(Rejection.MISSING_FIELD, "missing field '" + field + "'");
    }
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NUMBER_FLOAT:
        return "a fractional number";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  /** Control flow for a rule broken deep in the parse; carries no stack trace. */
  private static final class Rejected extends RuntimeException {
    final Rejection reason;

    Rejected(Rejection reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }
}

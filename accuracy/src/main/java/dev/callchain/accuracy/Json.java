package dev.callchain.accuracy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Reads the JSON lines of the truth file and the pipeline's output, and imported traces, with clear errors. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses one JSON object; {@code where} names the line in an error. */
  static JsonNode read(String line, String where) {
    try {
      JsonNode node = MAPPER.readTree(line);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(where + ": not a JSON object: " + line);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(where + ": not JSON: " + line, e);
    }
  }

  /** A required text field. */
  public static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(where + ": no \"" + field + "\" in " + node);
    }
    return value.asText();
  }

  /** A required whole number; a numeric string counts too, as OTLP JSON writes 64-bit times as strings. */
  public static long wholeNumber(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value != null && value.canConvertToExactIntegral()) {
      return value.asLong();
    }
    if (value != null && value.isTextual()) {
      try {
        return Long.parseLong(value.asText().trim());
      } catch (NumberFormatException e) {
        // reported below with the node
      }
    }
    throw new IllegalArgumentException(where + ": \"" + field + "\" is not a whole number in " + node);
  }
}

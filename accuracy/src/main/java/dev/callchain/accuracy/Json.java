package dev.callchain.accuracy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Reads the JSON lines of the truth file and the pipeline's output, with clear errors. */
final class Json {
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
  static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(where + ": no \"" + field + "\" in " + node);
    }
    return value.asText();
  }
}

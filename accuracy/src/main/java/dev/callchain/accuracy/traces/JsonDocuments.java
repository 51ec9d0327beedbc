package dev.callchain.accuracy.traces;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON documents of a trace file: one, or one per line as collectors' file exporters write them. */
final class JsonDocuments {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonDocuments() {}

  static List<JsonNode> read(TraceFile file) {
    List<JsonNode> documents = new ArrayList<>();
    // Not readValues: it would unwrap a top-level array, and a Zipkin file is one.
    try (JsonParser parser = MAPPER.createParser(file.content())) {
      while (parser.nextToken() != null) {
        documents.add(MAPPER.readTree(parser));
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    return documents;
  }

  /** An array field, or an empty one when absent; anything else is malformed. */
  static Iterable<JsonNode> array(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" is not an array");
    }
    return value;
  }
}

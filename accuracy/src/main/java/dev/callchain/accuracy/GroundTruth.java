package dev.callchain.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's ground truth (SPEC §6): for each record id, the call that really made it
 * (null for Main) and its trace; imported real traces also name the services of both sides.
 */
public final class GroundTruth {
  /** One line of the truth file; the services are null where the file has none (the simulator's). */
  public record Entry(String parentId, String traceId, String callerService, String calleeService) {
    public Entry(String parentId, String traceId) {
      this(parentId, traceId, null, null);
    }
  }

  private final Map<String, Entry> byId;

  public GroundTruth(Map<String, Entry> byId) {
    this.byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
  }

  /**
   * Reads {@code {"id", "parent_id", "trace_id"}} lines, with {@code caller_service} and {@code
   * callee_service} when present; blank lines are skipped.
   */
  public static GroundTruth read(Path file) throws IOException {
    Map<String, Entry> byId = new LinkedHashMap<>();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = Json.read(line, file + ":" + number);
        Entry previous =
            byId.put(
                Json.text(node, "id", file + ":" + number),
                new Entry(optional(node, "parent_id"), Json.text(node, "trace_id", file + ":" + number),
                    optional(node, "caller_service"), optional(node, "callee_service")));
        if (previous != null) {
          throw new IllegalArgumentException(
              file + ":" + number + ": id " + node.get("id").asText() + " comes twice");
        }
      }
    }
    return new GroundTruth(byId);
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  public Map<String, Entry> byId() {
    return byId;
  }

  public Entry get(String id) {
    return byId.get(id);
  }

  public int size() {
    return byId.size();
  }
}

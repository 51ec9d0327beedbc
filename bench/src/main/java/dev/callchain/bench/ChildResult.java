package dev.callchain.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a measured child JVM reports on its one result line: how many records it handled, in how
 * much wall time, its peak heap, and the metrics of the system it ran (empty where it has none).
 */
public record ChildResult(long records, double seconds, long peakHeapBytes, Map<String, Long> metrics) {
  static final String PREFIX = "BENCH-RESULT ";
  private static final ObjectMapper JSON = new ObjectMapper();

  public ChildResult {
    metrics = Map.copyOf(metrics);
  }

  public double recordsPerSecond() {
    return seconds > 0 ? records / seconds : 0;
  }

  public long metric(String name) {
    return metrics.getOrDefault(name, 0L);
  }

  /** The line the child prints. */
  public String toLine() {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("records", records);
    fields.put("seconds", seconds);
    fields.put("peak_heap_bytes", peakHeapBytes);
    fields.put("metrics", metrics);
    try {
      return PREFIX + JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The result if this output line is one, else empty; a malformed result line is an error. */
  public static Optional<ChildResult> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      Fields f = JSON.readValue(line.substring(PREFIX.length()), Fields.class);
      return Optional.of(new ChildResult(f.records, f.seconds, f.peakHeapBytes, f.metrics));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed result line: " + line, e);
    }
  }

  /** The JSON form, for Jackson. */
  private static final class Fields {
    public long records;
    public double seconds;
    @JsonProperty("peak_heap_bytes")
    public long peakHeapBytes;
    public Map<String, Long> metrics = Map.of();
  }
}

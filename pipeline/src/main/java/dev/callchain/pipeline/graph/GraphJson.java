package dev.callchain.pipeline.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of the service graph's records, and back:
 *
 * <pre>
 * {"type":"edge","window_start_ms":0,"window_end_ms":60000,"caller":"frontend","callee":"cart",
 *  "calls":120,"p50_ms":5.01,"p95_ms":5.6,"p99_ms":6.2,"max_ms":6.31}
 * {"type":"traces","window_start_ms":0,"window_end_ms":60000,"traces":40,"root_p50_ms":21.3,
 *  "root_p95_ms":30.2,"root_p99_ms":33.9,"root_max_ms":34.0,"calls_mean":12.5,"calls_max":15,
 *  "depth_mean":2.9,"depth_max":3}
 * </pre>
 *
 * Latencies are in milliseconds, rounded to the microsecond.
 */
public final class GraphJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper READER = new ObjectMapper(JSON);
  private static final String EDGE = "edge";
  private static final String TRACES = "traces";

  private GraphJson() {}

  public static byte[] write(GraphRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator out = JSON.createGenerator(bytes)) {
      out.writeStartObject();
      out.writeStringField("type", record instanceof EdgeStats ? EDGE : TRACES);
      out.writeNumberField("window_start_ms", record.windowStartMs());
      out.writeNumberField("window_end_ms", record.windowEndMs());
      if (record instanceof EdgeStats edge) {
        out.writeStringField("caller", edge.edge().caller());
        out.writeStringField("callee", edge.edge().callee());
        out.writeNumberField("calls", edge.latency().calls());
        latency(out, "", edge.latency());
      } else if (record instanceof TraceStats traces) {
        TraceTotals totals = traces.totals();
        out.writeNumberField("traces", totals.traces());
        latency(out, "root_", totals.rootLatency());
        out.writeNumberField("calls_mean", rounded(totals.callsMean()));
        out.writeNumberField("calls_max", totals.callsMax());
        out.writeNumberField("depth_mean", rounded(totals.depthMean()));
        out.writeNumberField("depth_max", totals.depthMax());
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return bytes.toByteArray();
  }

  /** Reads a record {@link #write} wrote; throws IllegalArgumentException on anything else. */
  public static GraphRecord read(byte[] json) {
    JsonNode node;
    try {
      node = READER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    long start = required(node, "window_start_ms").asLong();
    long end = required(node, "window_end_ms").asLong();
    String type = required(node, "type").asText();
    return switch (type) {
      case EDGE -> new EdgeStats(
          start,
          end,
          new Edge(required(node, "caller").asText(), required(node, "callee").asText()),
          latency(node, "", required(node, "calls").asLong()));
      case TRACES -> new TraceStats(
          start,
          end,
          new TraceTotals(
              latency(node, "root_", required(node, "traces").asLong()),
              required(node, "calls_mean").asDouble(),
              required(node, "calls_max").asInt(),
              required(node, "depth_mean").asDouble(),
              required(node, "depth_max").asInt()));
      default -> throw new IllegalArgumentException("unknown type " + type);
    };
  }

  private static void latency(JsonGenerator out, String prefix, LatencyStats latency) throws IOException {
    out.writeNumberField(prefix + "p50_ms", rounded(latency.p50Ms()));
    out.writeNumberField(prefix + "p95_ms", rounded(latency.p95Ms()));
    out.writeNumberField(prefix + "p99_ms", rounded(latency.p99Ms()));
    out.writeNumberField(prefix + "max_ms", rounded(latency.maxMs()));
  }

  private static LatencyStats latency(JsonNode node, String prefix, long calls) {
    return new LatencyStats(
        calls,
        required(node, prefix + "p50_ms").asDouble(),
        required(node, prefix + "p95_ms").asDouble(),
        required(node, prefix + "p99_ms").asDouble(),
        required(node, prefix + "max_ms").asDouble());
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return value;
  }

  private static double rounded(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}

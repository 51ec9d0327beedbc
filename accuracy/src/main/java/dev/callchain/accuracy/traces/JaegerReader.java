package dev.callchain.accuracy.traces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.accuracy.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jaeger's JSON (the query API's and UI's download): {@code data[]} traces, each with
 * {@code spans[]} (µs {@code startTime} and {@code duration}, {@code references} to the parent,
 * {@code tags} with {@code span.kind}) and {@code processes} (service name, {@code hostname} and
 * {@code ip} tags).
 */
final class JaegerReader implements SpanReader {
  @Override
  public List<Span> read(TraceFile file) {
    List<Span> spans = new ArrayList<>();
    for (JsonNode document : JsonDocuments.read(file)) {
      for (JsonNode trace : JsonDocuments.array(document, "data", "the document")) {
        String traceId = Json.text(trace, "traceID", "a trace");
        Map<String, ServiceInstance> processes = processes(trace, "trace " + traceId);
        for (JsonNode span : JsonDocuments.array(trace, "spans", "trace " + traceId)) {
          spans.add(span(span, traceId, processes));
        }
      }
    }
    return spans;
  }

  private static Map<String, ServiceInstance> processes(JsonNode trace, String where) {
    Map<String, ServiceInstance> processes = new HashMap<>();
    JsonNode all = trace.path("processes");
    all.fieldNames().forEachRemaining(id -> {
      JsonNode process = all.get(id);
      Map<String, String> tags = tags(process, where + " process " + id);
      processes.put(id, new ServiceInstance(Json.text(process, "serviceName", where + " process " + id),
          tags.get("hostname"), tags.get("ip")));
    });
    return processes;
  }

  private static Span span(JsonNode span, String traceId, Map<String, ServiceInstance> processes) {
    String spanId = Json.text(span, "spanID", "trace " + traceId + ", a span");
    String where = "trace " + traceId + " span " + spanId;
    String processId = Json.text(span, "processID", where);
    ServiceInstance instance = processes.get(processId);
    if (instance == null) {
      throw new IllegalArgumentException(where + ": process " + processId + " is not in the trace's processes");
    }
    Map<String, String> tags = tags(span, where);
    long startUs = Json.wholeNumber(span, "startTime", where);
    return new Span(traceId, spanId, parentId(span, traceId, where), instance, Json.text(span, "operationName", where),
        startUs, startUs + Json.wholeNumber(span, "duration", where), SpanKind.parse(tags.get("span.kind")), tags);
  }

  /** The CHILD_OF reference in this trace, else any reference in it (FOLLOWS_FROM); null for a root. */
  private static String parentId(JsonNode span, String traceId, String where) {
    String followsFrom = null;
    for (JsonNode reference : JsonDocuments.array(span, "references", where)) {
      if (!reference.path("traceID").asText(traceId).equals(traceId)) {
        continue; // a link to another trace is no parent
      }
      String parent = Json.text(reference, "spanID", where + " reference");
      if (reference.path("refType").asText().equals("CHILD_OF")) {
        return parent;
      }
      followsFrom = followsFrom == null ? parent : followsFrom;
    }
    return followsFrom;
  }

  private static Map<String, String> tags(JsonNode owner, String where) {
    Map<String, String> tags = new HashMap<>();
    for (JsonNode tag : JsonDocuments.array(owner, "tags", where)) {
      tags.put(Json.text(tag, "key", where + " tag"), tag.path("value").asText());
    }
    return tags;
  }
}

package dev.callchain.accuracy.traces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.accuracy.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP JSON (an export request, or one per line as the collector's file exporter writes):
 * {@code resourceSpans[].resource.attributes} name the service ({@code service.name}), pod
 * ({@code k8s.pod.name}, else {@code host.name}) and IP ({@code k8s.pod.ip}, {@code host.ip},
 * {@code net.host.ip}); {@code scopeSpans[].spans[]} (or the older
 * {@code instrumentationLibrarySpans}) carry nanosecond times, truncated to microseconds.
 */
final class OtlpJsonReader implements SpanReader {
  @Override
  public List<Span> read(TraceFile file) {
    List<Span> spans = new ArrayList<>();
    for (JsonNode document : JsonDocuments.read(file)) {
      for (JsonNode resourceSpans : JsonDocuments.array(document, "resourceSpans", "the document")) {
        Map<String, String> resource = attributes(resourceSpans.path("resource"), "a resource");
        ServiceInstance instance = new ServiceInstance(resource.get("service.name"),
            first(resource, "k8s.pod.name", "host.name"), first(resource, "k8s.pod.ip", "host.ip", "net.host.ip"));
        for (String scopes : List.of("scopeSpans", "instrumentationLibrarySpans")) {
          for (JsonNode scope : JsonDocuments.array(resourceSpans, scopes, "resource " + instance.service())) {
            for (JsonNode span : JsonDocuments.array(scope, "spans", "resource " + instance.service())) {
              spans.add(span(span, instance));
            }
          }
        }
      }
    }
    return spans;
  }

  private static Span span(JsonNode span, ServiceInstance instance) {
    String traceId = Json.text(span, "traceId", "a span of " + instance.service());
    String spanId = Json.text(span, "spanId", "trace " + traceId + ", a span");
    String where = "trace " + traceId + " span " + spanId;
    String parentId = span.path("parentSpanId").asText("");
    return new Span(traceId, spanId, parentId.isEmpty() ? null : parentId, instance, Json.text(span, "name", where),
        Math.floorDiv(Json.wholeNumber(span, "startTimeUnixNano", where), 1000L),
        Math.floorDiv(Json.wholeNumber(span, "endTimeUnixNano", where), 1000L),
        SpanKind.parse(span.path("kind").asText(null)), attributes(span, where));
  }

  /** OTLP's {@code [{key, value: {stringValue | intValue | ...}}]} as text. */
  private static Map<String, String> attributes(JsonNode owner, String where) {
    Map<String, String> attributes = new HashMap<>();
    for (JsonNode attribute : JsonDocuments.array(owner, "attributes", where)) {
      JsonNode value = attribute.path("value");
      attributes.put(Json.text(attribute, "key", where + " attribute"),
          value.isObject() && value.size() > 0 ? value.elements().next().asText() : value.asText());
    }
    return attributes;
  }

  private static String first(Map<String, String> attributes, String... keys) {
    for (String key : keys) {
      if (attributes.containsKey(key)) {
        return attributes.get(key);
      }
    }
    return null;
  }
}

package dev.callchain.accuracy.traces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.accuracy.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zipkin v2 JSON: an array of spans (or of traces, as {@code /api/v2/traces} returns) with µs
 * {@code timestamp} and {@code duration}, {@code kind}, {@code localEndpoint} (service name and
 * IP) and {@code remoteEndpoint}, which becomes the peer tags of an untraced callee.
 *
 * <p>A server span {@code shared} with its client keeps the client's id (B3 single-span RPCs),
 * and the server's own children name that id as parent. Here the server side gets its own id,
 * {@code id/server}, as the client's child, and the children on the server's instance point to
 * it, so the pair is an RPC as in the other formats.
 */
final class ZipkinReader implements SpanReader {
  private static final String SERVER_SIDE = "/server";

  @Override
  public List<Span> read(TraceFile file) {
    List<JsonNode> nodes = new ArrayList<>();
    for (JsonNode document : JsonDocuments.read(file)) {
      if (!document.isArray()) {
        throw new IllegalArgumentException("not a JSON array of Zipkin spans");
      }
      document.forEach(element -> {
        if (element.isArray()) {
          element.forEach(nodes::add);
        } else {
          nodes.add(element);
        }
      });
    }
    List<Span> spans = new ArrayList<>();
    Set<String> unshared = new HashSet<>();
    Map<String, Span> sharedServers = new HashMap<>();
    for (JsonNode node : nodes) {
      Span span = span(node);
      spans.add(span);
      if (node.path("shared").asBoolean() && span.kind() == SpanKind.SERVER) {
        sharedServers.put(key(span.traceId(), span.spanId()), span);
      } else {
        unshared.add(key(span.traceId(), span.spanId()));
      }
    }
    sharedServers.keySet().retainAll(unshared); // a shared span without its client is an ordinary one
    return spans.stream().map(span -> splitShared(span, sharedServers)).toList();
  }

  private static Span splitShared(Span span, Map<String, Span> sharedServers) {
    Span server = sharedServers.get(key(span.traceId(), span.spanId()));
    if (server == span) {
      return withIds(span, span.spanId() + SERVER_SIDE, span.spanId());
    }
    Span parentServer = span.parentId() == null ? null : sharedServers.get(key(span.traceId(), span.parentId()));
    if (parentServer != null && parentServer.instance().equals(span.instance())) {
      return withIds(span, span.spanId(), span.parentId() + SERVER_SIDE);
    }
    return span;
  }

  private static Span withIds(Span span, String spanId, String parentId) {
    return new Span(span.traceId(), spanId, parentId, span.instance(), span.operation(), span.startUs(), span.endUs(),
        span.kind(), span.tags());
  }

  private static String key(String traceId, String spanId) {
    return traceId + "/" + spanId;
  }

  private static Span span(JsonNode span) {
    String traceId = Json.text(span, "traceId", "a span");
    String id = Json.text(span, "id", "trace " + traceId + ", a span");
    String where = "trace " + traceId + " span " + id;
    JsonNode local = span.path("localEndpoint");
    ServiceInstance instance = new ServiceInstance(Json.text(local, "serviceName", where + " localEndpoint"), null,
        ip(local));
    Map<String, String> tags = new HashMap<>();
    span.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
    JsonNode remote = span.path("remoteEndpoint");
    if (ip(remote) != null) {
      tags.putIfAbsent("peer.address", ip(remote));
    }
    if (remote.hasNonNull("serviceName")) {
      tags.putIfAbsent("peer.service", remote.get("serviceName").asText());
    }
    long startUs = Json.wholeNumber(span, "timestamp", where);
    return new Span(traceId, id, span.path("parentId").asText(null), instance, span.path("name").asText(""), startUs,
        startUs + Json.wholeNumber(span, "duration", where), SpanKind.parse(span.path("kind").asText(null)), tags);
  }

  private static String ip(JsonNode endpoint) {
    JsonNode ip = endpoint.hasNonNull("ipv4") ? endpoint.get("ipv4") : endpoint.get("ipv6");
    return ip == null || ip.isNull() ? null : ip.asText();
  }
}

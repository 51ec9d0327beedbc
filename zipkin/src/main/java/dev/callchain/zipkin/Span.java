package dev.callchain.zipkin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A Zipkin v2 span as the query API returns it, with the fields callchain reads: which trace and
 * parent it belongs to, the service that recorded it, when and how long (microseconds), and its
 * tags. {@code parentId} is null on a root span.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Span(
    String traceId,
    String id,
    String parentId,
    String name,
    String kind,
    long timestamp,
    long duration,
    Endpoint localEndpoint,
    Endpoint remoteEndpoint,
    Map<String, String> tags) {

  /** Where a span was recorded, or whom it called. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Endpoint(String serviceName, String ipv4, int port) {}

  /** The service that recorded the span, or null when it named none. */
  public String serviceName() {
    return localEndpoint == null ? null : localEndpoint.serviceName();
  }

  /** A tag's value, or null. */
  public String tag(String name) {
    return tags == null ? null : tags.get(name);
  }
}

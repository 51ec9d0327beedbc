package dev.callchain.pipeline.spans;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A JSON array of Zipkin v2 spans, as Zipkin's Kafka collector reads them (its {@code
 * SpanBytesDecoder.JSON_V2}): each span is its JSON object, the list the objects joined.
 */
final class ZipkinJsonList implements SpanList<byte[]> {
  private static final JsonFactory JSON = new JsonFactory();

  private final ByteArrayOutputStream list = new ByteArrayOutputStream();
  private int size;

  @Override
  public byte[] encode(CallSpan span) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("traceId", SpanIds.hex(span.traceId()));
      if (span.parentId() != null) {
        json.writeStringField("parentId", SpanIds.hex(span.parentId()));
      }
      json.writeStringField("id", SpanIds.hex(span.spanId()));
      json.writeStringField("kind", "SERVER");
      json.writeStringField("name", span.name());
      json.writeNumberField("timestamp", span.startUs());
      json.writeNumberField("duration", span.durationUs());
      writeEndpoint(json, "localEndpoint", span.callee());
      writeEndpoint(json, "remoteEndpoint", span.caller());
      json.writeObjectFieldStart("tags");
      json.writeStringField(SpanTags.CALL_ID, span.callId());
      if (span.parentScore() != null) {
        json.writeStringField(SpanTags.PARENT_SCORE, Double.toString(span.parentScore()));
      }
      json.writeStringField(SpanTags.CANDIDATES, Integer.toString(span.candidates()));
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    return bytes.toByteArray();
  }

  private static void writeEndpoint(JsonGenerator json, String field, Endpoint endpoint) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("serviceName", endpoint.serviceName());
    switch (endpoint.ip()) {
      case IPV4 -> json.writeStringField("ipv4", endpoint.address());
      case IPV6 -> json.writeStringField("ipv6", endpoint.address());
      case NONE -> {} // a host name: the service name is all Zipkin has of it
    }
    json.writeEndObject();
  }

  @Override
  public int bytesWith(byte[] span) {
    // The list so far, "[a,b" (its "]" comes last), then "," or "[", the span, and "]".
    return list.size() + 1 + span.length + 1;
  }

  @Override
  public void add(byte[] span) {
    list.write(size == 0 ? '[' : ',');
    list.writeBytes(span);
    size++;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public byte[] take() {
    list.write(']');
    byte[] bytes = list.toByteArray();
    list.reset();
    size = 0;
    return bytes;
  }
}

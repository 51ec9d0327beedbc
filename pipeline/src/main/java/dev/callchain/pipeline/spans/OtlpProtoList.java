package dev.callchain.pipeline.spans;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OTLP {@link ExportTraceServiceRequest}, as the OpenTelemetry Collector's Kafka receiver reads
 * it ({@code otlp_proto}): the spans grouped by callee service, each group one resource (its
 * {@code service.name}). Its size is kept exactly as the request will encode, group by group.
 */
final class OtlpProtoList implements SpanList<OtlpProtoList.ServiceSpan> {
  /** Semantic-convention attribute names. */
  static final String SERVICE_NAME = "service.name";
  static final String SERVER_ADDRESS = "server.address";
  static final String CLIENT_ADDRESS = "client.address";
  static final String PEER_SERVICE = "peer.service";

  private static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder().setName("callchain").build();
  private static final int SCOPE_BYTES = field(ScopeSpans.SCOPE_FIELD_NUMBER, SCOPE.getSerializedSize());

  /** A span and the service whose resource it goes under. */
  record ServiceSpan(String service, Span span) {}

  /** The spans of one service, and the bytes they add to the request. */
  private static final class Group {
    final Resource resource;
    final List<Span> spans = new ArrayList<>();
    int spansBytes;

    Group(String service) {
      resource = Resource.newBuilder().addAttributes(attribute(SERVICE_NAME, service)).build();
    }

    /** This group's share of the request were its spans {@code spansBytes}. */
    int bytes(int spansBytes) {
      int scopeSpans = SCOPE_BYTES + spansBytes;
      int resourceSpans =
          field(ResourceSpans.RESOURCE_FIELD_NUMBER, resource.getSerializedSize())
              + field(ResourceSpans.SCOPE_SPANS_FIELD_NUMBER, scopeSpans);
      return field(ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER, resourceSpans);
    }
  }

  private final Map<String, Group> groups = new LinkedHashMap<>();
  private int bytes;
  private int size;

  @Override
  public ServiceSpan encode(CallSpan span) {
    Span.Builder otlp =
        Span.newBuilder()
            .setTraceId(UnsafeByteOperations.unsafeWrap(span.traceId()))
            .setSpanId(UnsafeByteOperations.unsafeWrap(span.spanId()))
            .setName(span.name())
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(span.startUs() * 1000)
            .setEndTimeUnixNano((span.startUs() + span.durationUs()) * 1000)
            .addAttributes(attribute(SpanTags.CALL_ID, span.callId()))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey(SpanTags.CANDIDATES)
                    .setValue(AnyValue.newBuilder().setIntValue(span.candidates())))
            .addAttributes(attribute(SERVER_ADDRESS, span.callee().address()))
            .addAttributes(attribute(CLIENT_ADDRESS, span.caller().address()))
            .addAttributes(attribute(PEER_SERVICE, span.caller().serviceName()));
    if (span.parentId() != null) {
      otlp.setParentSpanId(UnsafeByteOperations.unsafeWrap(span.parentId()));
    }
    if (span.parentScore() != null) {
      otlp.addAttributes(
          KeyValue.newBuilder()
              .setKey(SpanTags.PARENT_SCORE)
              .setValue(AnyValue.newBuilder().setDoubleValue(span.parentScore())));
    }
    return new ServiceSpan(span.callee().serviceName(), otlp.build());
  }

  @Override
  public int bytesWith(ServiceSpan span) {
    Group group = groups.get(span.service());
    if (group == null) {
      return bytes + new Group(span.service()).bytes(spanBytes(span));
    }
    return bytes - group.bytes(group.spansBytes) + group.bytes(group.spansBytes + spanBytes(span));
  }

  @Override
  public void add(ServiceSpan span) {
    Group group = groups.get(span.service());
    if (group == null) {
      group = new Group(span.service());
      groups.put(span.service(), group);
    } else {
      bytes -= group.bytes(group.spansBytes);
    }
    group.spans.add(span.span());
    group.spansBytes += spanBytes(span);
    bytes += group.bytes(group.spansBytes);
    size++;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public byte[] take() {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (Group group : groups.values()) {
      request.addResourceSpans(
          ResourceSpans.newBuilder()
              .setResource(group.resource)
              .addScopeSpans(ScopeSpans.newBuilder().setScope(SCOPE).addAllSpans(group.spans)));
    }
    groups.clear();
    bytes = 0;
    size = 0;
    return request.build().toByteArray();
  }

  private static int spanBytes(ServiceSpan span) {
    return field(ScopeSpans.SPANS_FIELD_NUMBER, span.span().getSerializedSize());
  }

  /** The bytes of a length-delimited field {@code number} of {@code length} bytes: tag, length, body. */
  private static int field(int number, int length) {
    return CodedOutputStream.computeTagSize(number) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}

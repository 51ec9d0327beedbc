package dev.callchain.pipeline.spans;

import static dev.callchain.pipeline.spans.TracedCalls.CHILD;
import static dev.callchain.pipeline.spans.TracedCalls.ORPHAN;
import static dev.callchain.pipeline.spans.TracedCalls.ROOT;
import static dev.callchain.pipeline.spans.TracedCalls.spanIdHex;
import static dev.callchain.pipeline.spans.TracedCalls.traceIdHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.callchain.pipeline.model.LinkedCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The spans as an OTLP receiver reads them, with the generated classes. */
class OtlpProtoListTest {
  private static ExportTraceServiceRequest written(LinkedCall... calls) throws Exception {
    SpanList<?> list = SpanFormat.OTLP_PROTO.newList();
    for (LinkedCall call : calls) {
      add(list, call);
    }
    return ExportTraceServiceRequest.parseFrom(list.take());
  }

  private static <S> void add(SpanList<S> list, LinkedCall call) {
    list.add(list.encode(CallSpan.of(call)));
  }

  /** Every span by its service.name. */
  private static Map<String, List<Span>> byService(ExportTraceServiceRequest request) {
    Map<String, List<Span>> spans = new TreeMap<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      assertEquals(1, resource.getScopeSpansCount());
      assertEquals("callchain", resource.getScopeSpans(0).getScope().getName());
      String service = attributes(resource.getResource().getAttributesList()).get("service.name").getStringValue();
      spans.put(service, resource.getScopeSpans(0).getSpansList());
    }
    return spans;
  }

  private static Map<String, AnyValue> attributes(List<KeyValue> attributes) {
    Map<String, AnyValue> byKey = new TreeMap<>();
    attributes.forEach(attribute -> byKey.put(attribute.getKey(), attribute.getValue()));
    return byKey;
  }

  private static String hex(ByteString id) {
    return HexFormat.of().formatHex(id.toByteArray());
  }

  private static AnyValue string(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  @Test
  void spansAreGroupedByTheirCalleesService() throws Exception {
    Map<String, List<Span>> spans = byService(written(ROOT, CHILD, ORPHAN));
    assertEquals(List.of("2001:db8::1", "db.internal", "frontend"), List.copyOf(spans.keySet()));
    assertEquals(1, spans.get("frontend").size());
    assertEquals(1, spans.get("db.internal").size());
  }

  @Test
  void aRootHasNoParentAndItsTimesInNanoseconds() throws Exception {
    Span root = byService(written(ROOT)).get("frontend").get(0);
    assertEquals(traceIdHex("root-1"), hex(root.getTraceId()));
    assertEquals(spanIdHex("root-1"), hex(root.getSpanId()));
    assertTrue(root.getParentSpanId().isEmpty());
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, root.getKind());
    assertEquals("GET /cart", root.getName());
    assertEquals(1_600_000_000_000_250_000L, root.getStartTimeUnixNano());
    assertEquals(1_600_000_000_100_999_000L, root.getEndTimeUnixNano());
    assertEquals(
        Map.of(
            "callchain.id", string("root-1"),
            "callchain.candidates", AnyValue.newBuilder().setIntValue(0).build(),
            "server.address", string("10.1.0.5"),
            "client.address", string("10.0.0.1"),
            "peer.service", string("10.0.0.1")),
        attributes(root.getAttributesList()));
  }

  @Test
  void aChildIsUnderItsBestParent() throws Exception {
    Span child = byService(written(CHILD)).get("db.internal").get(0);
    assertEquals(traceIdHex("root-1"), hex(child.getTraceId()));
    assertEquals(spanIdHex("child-2"), hex(child.getSpanId()));
    assertEquals(spanIdHex("root-1"), hex(child.getParentSpanId()));
    assertEquals("call", child.getName());
    assertEquals((TracedCalls.T0 + 10) * 1_000_000, child.getStartTimeUnixNano());
    assertEquals(1000, child.getEndTimeUnixNano() - child.getStartTimeUnixNano());
    assertEquals(
        Map.of(
            "callchain.id", string("child-2"),
            "callchain.parent_score", AnyValue.newBuilder().setDoubleValue(0.75).build(),
            "callchain.candidates", AnyValue.newBuilder().setIntValue(2).build(),
            "server.address", string("db.internal"),
            "client.address", string("10.1.0.5"),
            "peer.service", string("frontend")),
        attributes(child.getAttributesList()));
  }

  @Test
  void aCallWhoseParentNeverCameStartsItsTrace() throws Exception {
    Span orphan = byService(written(ORPHAN)).get("2001:db8::1").get(0);
    assertEquals(traceIdHex("orphan-3"), hex(orphan.getTraceId()));
    assertTrue(orphan.getParentSpanId().isEmpty());
  }
}

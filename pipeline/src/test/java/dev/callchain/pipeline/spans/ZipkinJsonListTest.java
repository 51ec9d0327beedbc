package dev.callchain.pipeline.spans;

import static dev.callchain.pipeline.spans.TracedCalls.CHILD;
import static dev.callchain.pipeline.spans.TracedCalls.ORPHAN;
import static dev.callchain.pipeline.spans.TracedCalls.ROOT;
import static dev.callchain.pipeline.spans.TracedCalls.spanIdHex;
import static dev.callchain.pipeline.spans.TracedCalls.traceIdHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.callchain.pipeline.model.LinkedCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/** The spans as Zipkin itself reads them. */
class ZipkinJsonListTest {
  private static List<Span> written(LinkedCall... calls) {
    SpanList<?> list = SpanFormat.ZIPKIN_JSON.newList();
    for (LinkedCall call : calls) {
      add(list, call);
    }
    return SpanBytesDecoder.JSON_V2.decodeList(list.take());
  }

  private static <S> void add(SpanList<S> list, LinkedCall call) {
    list.add(list.encode(CallSpan.of(call)));
  }

  @Test
  void aRootHasNoParentAndTheClientAsItsRemoteEndpoint() {
    Span root = written(ROOT).get(0);
    assertEquals(traceIdHex("root-1"), root.traceId());
    assertEquals(spanIdHex("root-1"), root.id());
    assertNull(root.parentId());
    assertEquals(Span.Kind.SERVER, root.kind());
    assertEquals("get /cart", root.name()); // Zipkin lower-cases names
    // start_at_us and end_at_us, truncated: 1600000000100999 - 1600000000000250
    assertEquals(1_600_000_000_000_250L, root.timestampAsLong());
    assertEquals(100_749L, root.durationAsLong());
    assertEquals(Endpoint.newBuilder().serviceName("frontend").ip("10.1.0.5").build(), root.localEndpoint());
    assertEquals(Endpoint.newBuilder().serviceName("10.0.0.1").ip("10.0.0.1").build(), root.remoteEndpoint());
    assertEquals(Map.of("callchain.id", "root-1", "callchain.candidates", "0"), root.tags());
  }

  @Test
  void aChildIsUnderItsBestParentAndCalledByItsService() {
    Span child = written(CHILD).get(0);
    assertEquals(traceIdHex("root-1"), child.traceId());
    assertEquals(spanIdHex("child-2"), child.id());
    assertEquals(spanIdHex("root-1"), child.parentId());
    assertEquals(Span.Kind.SERVER, child.kind());
    assertEquals("call", child.name());
    assertEquals((TracedCalls.T0 + 10) * 1000, child.timestampAsLong());
    assertEquals(1L, child.durationAsLong()); // zero long: 1 µs, which Zipkin keeps
    // A host name is no IP: the service name (the address, no service field) is all there is.
    assertEquals(Endpoint.newBuilder().serviceName("db.internal").build(), child.localEndpoint());
    assertEquals(Endpoint.newBuilder().serviceName("frontend").ip("10.1.0.5").build(), child.remoteEndpoint());
    assertEquals(
        Map.of("callchain.id", "child-2", "callchain.parent_score", "0.75", "callchain.candidates", "2"),
        child.tags());
  }

  @Test
  void aCallWhoseParentNeverCameStartsItsTrace() {
    Span orphan = written(ORPHAN).get(0);
    assertEquals(traceIdHex("orphan-3"), orphan.traceId());
    assertNull(orphan.parentId());
    assertEquals("2001:db8::1", orphan.localEndpoint().ipv6());
    assertEquals("2001:db8::7", orphan.remoteEndpoint().ipv6());
    assertEquals(Map.of("callchain.id", "orphan-3", "callchain.candidates", "1"), orphan.tags());
  }

  @Test
  void aListHoldsEverySpanInOrder() {
    List<Span> spans = written(ROOT, CHILD, ORPHAN);
    assertEquals(List.of(spanIdHex("root-1"), spanIdHex("child-2"), spanIdHex("orphan-3")),
        spans.stream().map(Span::id).toList());
  }
}

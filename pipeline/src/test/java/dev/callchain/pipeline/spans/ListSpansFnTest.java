package dev.callchain.pipeline.spans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.model.Rejection;
import dev.callchain.pipeline.testing.Collected;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/** On the DirectRunner: every call's span once, in lists within both caps; one too large alone. */
class ListSpansFnTest {
  private static final int MAX_SPANS = 20;
  private static final int MAX_BYTES = 20_000;

  @ParameterizedTest
  @EnumSource(SpanFormat.class)
  void listsStayWithinTheirCapsAndASpanTooLargeAloneIsADeadLetter(SpanFormat format) throws IOException {
    Random random = new Random(11);
    List<LinkedCall> calls = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>();
    for (int i = 0; i < 600; i++) {
      // Short names fill lists by count, then names of 1,500 to 2,000 characters by bytes.
      LinkedCall call =
          i < 300
              ? SpanListSizeTest.randomCall(random, "c" + i, 0, 10)
              : SpanListSizeTest.randomCall(random, "c" + i, 1500, 2000);
      calls.add(call);
      ids.add(call.call().id());
    }
    calls.add(300, TracedCalls.named("huge", "h".repeat(MAX_BYTES)));

    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(true);
    Pipeline pipeline = Pipeline.create(options);
    Collected<KV<String, byte[]>> lists = new Collected<>();
    Collected<DeadLetter> tooLarge = new Collected<>();
    PCollectionTuple out =
        pipeline
            .apply(Create.of(calls).withCoder(LinkedCall.LinkedCallCoder.of()))
            .apply(
                ParDo.of(new ListSpansFn(format, MAX_SPANS, MAX_BYTES))
                    .withOutputTags(ListSpansFn.LISTS, TupleTagList.of(ListSpansFn.TOO_LARGE)));
    out.get(ListSpansFn.LISTS).apply(lists.sink());
    out.get(ListSpansFn.TOO_LARGE).setCoder(DeadLetter.DeadLetterCoder.of()).apply(tooLarge.sink());
    assertEquals(PipelineResult.State.DONE, pipeline.run().waitUntilFinish());

    List<String> written = new ArrayList<>();
    boolean fullByCount = false;
    boolean fullByBytes = false;
    for (KV<String, byte[]> list : lists.items()) {
      assertTrue(list.getValue().length <= MAX_BYTES, list.getValue().length + " bytes");
      List<String> inList = callIds(format, list.getValue());
      assertTrue(inList.size() <= MAX_SPANS, inList.size() + " spans");
      assertEquals(inList.get(0), list.getKey());
      written.addAll(inList);
      fullByCount |= inList.size() == MAX_SPANS;
      fullByBytes |= inList.size() < MAX_SPANS && list.getValue().length > MAX_BYTES - 1000;
    }
    assertTrue(fullByCount && fullByBytes, "both caps closed lists");
    assertEquals(ids.size(), written.size(), "each call's span once");
    assertEquals(ids, new TreeSet<>(written));

    assertEquals(1, tooLarge.items().size());
    DeadLetter letter = tooLarge.items().get(0);
    assertEquals(Rejection.SPAN_TOO_LARGE, letter.reason());
    assertEquals(Origin.linkedCall("huge"), letter.origin());
    assertEquals(List.of("huge"), callIds(format, letter.original()));
  }

  private static List<String> callIds(SpanFormat format, byte[] list) throws IOException {
    List<String> ids = new ArrayList<>();
    if (format == SpanFormat.ZIPKIN_JSON) {
      for (Span span : SpanBytesDecoder.JSON_V2.decodeList(list)) {
        ids.add(span.tags().get(SpanTags.CALL_ID));
      }
      return ids;
    }
    for (ResourceSpans resource : ExportTraceServiceRequest.parseFrom(list).getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
          span.getAttributesList().stream()
              .filter(attribute -> attribute.getKey().equals(SpanTags.CALL_ID))
              .forEach(attribute -> ids.add(attribute.getValue().getStringValue()));
        }
      }
    }
    return ids;
  }
}

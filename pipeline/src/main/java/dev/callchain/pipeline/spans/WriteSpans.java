package dev.callchain.pipeline.spans;

import dev.callchain.pipeline.io.KafkaSettings;
import dev.callchain.pipeline.io.WriteJsonLines;
import dev.callchain.pipeline.link.LinkSettings;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.options.CallchainOptions;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Writes one span per traced call (--traces) to the spans topic (--spansTopic), in lists of the
 * format --spansFormat, each within --maxRecordBytes. Returns as dead letters the calls whose span
 * alone is over that ({@link dev.callchain.pipeline.model.Rejection#SPAN_TOO_LARGE}) and the lists
 * the topic refused.
 */
public final class WriteSpans extends PTransform<PCollection<LinkedCall>, PCollection<DeadLetter>> {
  /** Spans a list holds at most: a collector takes each list in one piece. */
  private static final int MAX_SPANS = 1000;

  private final KafkaSettings kafka;
  private final String topic;
  private final SpanFormat format;
  private final int maxRecordBytes;

  private WriteSpans(KafkaSettings kafka, String topic, SpanFormat format, int maxRecordBytes) {
    this.kafka = kafka;
    this.topic = topic;
    this.format = format;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** As the options say, to the broker {@code kafka} names. */
  public static WriteSpans to(KafkaSettings kafka, CallchainOptions options) {
    return new WriteSpans(kafka, options.getSpansTopic(), format(options), options.getMaxRecordBytes());
  }

  /** --spansFormat, with a clear error for a value that is none. */
  public static SpanFormat format(CallchainOptions options) {
    return LinkSettings.parse(SpanFormat.class, "--spansFormat", options.getSpansFormat());
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<LinkedCall> calls) {
    PCollectionTuple lists =
        calls.apply(
            "ListSpans",
            ParDo.of(new ListSpansFn(format, MAX_SPANS, maxRecordBytes))
                .withOutputTags(ListSpansFn.LISTS, TupleTagList.of(ListSpansFn.TOO_LARGE)));
    lists.get(ListSpansFn.TOO_LARGE).setCoder(DeadLetter.DeadLetterCoder.of());
    PCollection<DeadLetter> refused =
        lists
            .get(ListSpansFn.LISTS)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()))
            // Its Kafka sink writes any bytes, and refuses alike.
            .apply("WriteSpanLists", WriteJsonLines.nowhere(maxRecordBytes).toKafka(kafka, topic));
    return PCollectionList.of(lists.get(ListSpansFn.TOO_LARGE))
        .and(refused)
        .apply("SpanDeadLetters", Flatten.pCollections());
  }
}

package dev.callchain.pipeline.spans;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.model.Rejection;
import java.util.Locale;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * Encodes each traced call's span and gathers the spans of a bundle into lists of at most {@code
 * maxSpans} spans and {@code maxRecordBytes} bytes, each keyed by its first call's id (so a list
 * the topic refuses names a call). A span over the limit alone goes to the dead letters.
 */
final class ListSpansFn extends DoFn<LinkedCall, KV<String, byte[]>> {
  static final TupleTag<KV<String, byte[]>> LISTS = new TupleTag<>() {};
  static final TupleTag<DeadLetter> TOO_LARGE = new TupleTag<>() {};

  private final SpanFormat format;
  private final int maxSpans;
  private final int maxRecordBytes;
  private final Counter tooLarge = CallchainMetrics.counter(Rejection.SPAN_TOO_LARGE.counterName());

  private transient SpanList<?> list;
  private transient String firstCallId;
  // A list left at the bundle's end goes out with its last call's timestamp and window: written
  // to a sink, where nothing reads them again.
  private transient Instant lastTimestamp;
  private transient BoundedWindow lastWindow;

  ListSpansFn(SpanFormat format, int maxSpans, int maxRecordBytes) {
    this.format = format;
    this.maxSpans = maxSpans;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** A new list each bundle: one a failed bundle left filled is dropped with it. */
  @StartBundle
  public void startBundle() {
    list = format.newList();
  }

  @ProcessElement
  public void processElement(
      @Element LinkedCall call, @Timestamp Instant timestamp, BoundedWindow window, MultiOutputReceiver out) {
    add(list, CallSpan.of(call), out);
    lastTimestamp = timestamp;
    lastWindow = window;
  }

  private <S> void add(SpanList<S> spans, CallSpan span, MultiOutputReceiver out) {
    S encoded = spans.encode(span);
    if (spans.size() > 0 && (spans.size() >= maxSpans || spans.bytesWith(encoded) > maxRecordBytes)) {
      out.get(LISTS).output(KV.of(firstCallId, spans.take()));
    }
    if (spans.size() == 0 && spans.bytesWith(encoded) > maxRecordBytes) {
      spans.add(encoded);
      out.get(TOO_LARGE).output(deadLetter(span, spans.take()));
      return;
    }
    if (spans.size() == 0) {
      firstCallId = span.callId();
    }
    spans.add(encoded);
  }

  private DeadLetter deadLetter(CallSpan span, byte[] alone) {
    tooLarge.inc();
    String detail =
        String.format(
            "the call's span is %,d bytes as %s, over --maxRecordBytes=%d (a name of %,d characters,"
                + " a service of %,d)",
            alone.length,
            format.name().toLowerCase(Locale.ROOT),
            maxRecordBytes,
            span.name().length(),
            span.callee().serviceName().length());
    return new DeadLetter(alone, Rejection.SPAN_TOO_LARGE, detail, Origin.linkedCall(span.callId()));
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    if (list.size() > 0) {
      context.output(LISTS, KV.of(firstCallId, list.take()), lastTimestamp, lastWindow);
    }
  }
}

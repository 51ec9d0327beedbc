package dev.callchain.pipeline.spans;

/**
 * Spans gathered into one Kafka record, in one format. A span is encoded once ({@link #encode}),
 * then the list tells exactly how large it would be with it, before it is added.
 *
 * @param <S> a span as this format encodes it
 */
public interface SpanList<S> {
  S encode(CallSpan span);

  /** The bytes {@link #take} would return were {@code span} added. */
  int bytesWith(S span);

  void add(S span);

  int size();

  /** The list as one record, emptied for the next. */
  byte[] take();
}

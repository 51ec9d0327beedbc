package dev.callchain.pipeline.spans;

/** The names of what callchain adds to a span, as Zipkin tags and OTLP attributes. */
public final class SpanTags {
  /** The call's own id, as its log gave it. */
  public static final String CALL_ID = "callchain.id";
  /** The parent's score among the call's candidate parents (--bestParent). */
  public static final String PARENT_SCORE = "callchain.parent_score";
  /** How many candidate parents the call has. */
  public static final String CANDIDATES = "callchain.candidates";

  private SpanTags() {}
}

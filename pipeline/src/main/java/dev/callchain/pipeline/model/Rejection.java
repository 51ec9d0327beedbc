package dev.callchain.pipeline.model;

/**
 * Why a record went to the dead letters: a call log rejected by the rules of SPEC §1, or a linked
 * call its sink could not take. Each is counted under its own metric name.
 */
public enum Rejection {
  TOO_LARGE,
  NOT_JSON,
  NOT_AN_OBJECT,
  MISSING_FIELD,
  EMPTY_FIELD,
  FIELD_TOO_LONG,
  WRONG_TYPE,
  NOT_A_NUMBER,
  OUT_OF_RANGE,
  END_BEFORE_START,
  /** start_at_us or end_at_us not in the millisecond its _ms field says. */
  TIMES_DISAGREE,
  DUPLICATE_FIELD,
  RESERVED_FIELD,
  /** A linked call whose JSON is over --maxRecordBytes (its lists, or its extra fields). */
  OUTPUT_TOO_LARGE(false),
  /** A linked call the output topic refused (a topic whose own limit is lower, say). */
  SINK_REFUSED(false),
  /** A call whose span alone is over --maxRecordBytes (a long name or service, from extra fields). */
  SPAN_TOO_LARGE(false);

  private final boolean ofInput;

  Rejection() {
    this(true);
  }

  Rejection(boolean ofInput) {
    this.ofInput = ofInput;
  }

  /** A rule of SPEC §1 that a call log broke, rather than a linked call its sink did not take. */
  public boolean ofInput() {
    return ofInput;
  }

  /** The metric name: {@code rejected_missing_field} for input, {@code output_too_large} for output. */
  public String counterName() {
    String name = name().toLowerCase(java.util.Locale.ROOT);
    return ofInput ? "rejected_" + name : name;
  }
}

package dev.callchain.pipeline.model;

/** Why a call log was rejected (SPEC §1). Each is counted under its own metric name. */
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
  DUPLICATE_FIELD,
  RESERVED_FIELD;

  /** The metric name, e.g. {@code rejected_missing_field}. */
  public String counterName() {
    return "rejected_" + name().toLowerCase(java.util.Locale.ROOT);
  }
}

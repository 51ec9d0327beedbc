package dev.callchain.pipeline.parse;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.Rejection;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Either an accepted {@link CallRecord} or a {@link Rejection} with its reason in words. */
public final class ParseResult {
  private final @Nullable CallRecord call;
  private final @Nullable Rejection rejection;
  private final @Nullable String detail;

  private ParseResult(
      @Nullable CallRecord call, @Nullable Rejection rejection, @Nullable String detail) {
    this.call = call;
    this.rejection = rejection;
    this.detail = detail;
  }

  static ParseResult accepted(CallRecord call) {
    return new ParseResult(call, null, null);
  }

  static ParseResult rejected(Rejection rejection, String detail) {
    return new ParseResult(null, rejection, detail);
  }

  public boolean isAccepted() {
    return call != null;
  }

  public CallRecord call() {
    if (call == null) {
      throw new IllegalStateException("rejected: " + detail);
    }
    return call;
  }

  public Rejection rejection() {
    if (rejection == null) {
      throw new IllegalStateException("accepted");
    }
    return rejection;
  }

  public String detail() {
    return detail;
  }
}

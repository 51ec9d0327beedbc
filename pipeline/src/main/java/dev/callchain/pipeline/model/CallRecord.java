package dev.callchain.pipeline.model;

import org.apache.beam.sdk.coders.DefaultCoder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One accepted call-log record (SPEC §1), normalised: times are integer epoch milliseconds and
 * every field the linker does not read is kept verbatim in {@link #extraFields()}.
 *
 * <p>Extra fields are stored as their original JSON member text ({@code "k":v,"k2":v2}, UTF-8) so
 * that they pass through byte for byte without being parsed or re-serialised.
 */
@DefaultCoder(CallRecordCoder.class)
public final class CallRecord {
  private static final byte[] NO_EXTRA_FIELDS = new byte[0];

  private final String id;
  private final String srcIp;
  private final String dstIp;
  private final long startAtMs;
  private final long endAtMs;
  private final double latencyMsec;
  private final byte[] extraFields;

  public CallRecord(
      String id,
      String srcIp,
      String dstIp,
      long startAtMs,
      long endAtMs,
      double latencyMsec,
      byte[] extraFields) {
    this.id = Objects.requireNonNull(id);
    this.srcIp = Objects.requireNonNull(srcIp);
    this.dstIp = Objects.requireNonNull(dstIp);
    this.startAtMs = startAtMs;
    this.endAtMs = endAtMs;
    this.latencyMsec = latencyMsec;
    this.extraFields = extraFields == null || extraFields.length == 0 ? NO_EXTRA_FIELDS : extraFields;
  }

  /** A record with no extra fields and latency derived from its times. */
  public static CallRecord of(String id, String srcIp, String dstIp, long startAtMs, long endAtMs) {
    return new CallRecord(id, srcIp, dstIp, startAtMs, endAtMs, endAtMs - startAtMs, null);
  }

  public String id() {
    return id;
  }

  public String srcIp() {
    return srcIp;
  }

  public String dstIp() {
    return dstIp;
  }

  public long startAtMs() {
    return startAtMs;
  }

  public long endAtMs() {
    return endAtMs;
  }

  public double latencyMsec() {
    return latencyMsec;
  }

  /** The original JSON members of the fields this product does not interpret; never mutate. */
  public byte[] extraFields() {
    return extraFields;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CallRecord)) {
      return false;
    }
    CallRecord that = (CallRecord) o;
    return startAtMs == that.startAtMs
        && endAtMs == that.endAtMs
        && Double.compare(latencyMsec, that.latencyMsec) == 0
        && id.equals(that.id)
        && srcIp.equals(that.srcIp)
        && dstIp.equals(that.dstIp)
        && Arrays.equals(extraFields, that.extraFields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, srcIp, dstIp, startAtMs, endAtMs);
  }

  @Override
  public String toString() {
    return id + "[" + startAtMs + "," + endAtMs + "] " + srcIp + "->" + dstIp;
  }
}

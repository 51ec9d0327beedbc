package dev.callchain.pipeline.spans;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The ids spans go by, derived from callchain's ids, which are any strings: the leading bytes of
 * their SHA-256. The same call gets the same span id in every run and on every worker, so a child
 * names its parent's span without asking the parent, and a call written twice (a revision, a
 * restart) is the same span to its collector. Ids collide as rarely as random ones (an all-zero
 * id, which both formats take for none, once in 2^64).
 */
public final class SpanIds {
  /** 128 bits, as W3C trace context, Zipkin and OTLP take them. */
  public static final int TRACE_ID_BYTES = 16;

  public static final int SPAN_ID_BYTES = 8;

  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(SpanIds::sha256);

  private SpanIds() {}

  /** The id of the trace whose root call has id {@code rootId}. */
  public static byte[] traceId(String rootId) {
    return Arrays.copyOf(digest(rootId), TRACE_ID_BYTES);
  }

  /** The id of the span of the call with id {@code callId}. */
  public static byte[] spanId(String callId) {
    return Arrays.copyOf(digest(callId), SPAN_ID_BYTES);
  }

  /** Lower-case hex, as Zipkin writes ids. */
  public static String hex(byte[] id) {
    return HEX.formatHex(id);
  }

  private static byte[] digest(String id) {
    return SHA_256.get().digest(id.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}

package dev.callchain.accuracy.traces;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Call and trace ids that give nothing away: the first 16 hex digits of SHA-256 over the salt and
 * the trace's (and span's) id, so a linker cannot read a trace id off a call id.
 */
record OpaqueIds(String salt) {
  private static final int HEX_DIGITS = 16;

  String call(String traceId, String spanId) {
    return hash(salt + "\n" + traceId + "\n" + spanId);
  }

  String trace(String traceId) {
    return hash(salt + "\n" + traceId);
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

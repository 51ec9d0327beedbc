package dev.callchain.pipeline.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8, as SPEC §1 wants call logs and as the dead letters tell text from binary: no
 * overlong forms, no encoded surrogates, nothing past U+10FFFF, which Jackson and {@code new
 * String(bytes, UTF_8)} let through or replace without a word.
 */
public final class Utf8 {
  /** Decoded a chunk at a time: the characters are not kept, only whether they decode. */
  private static final int CHUNK_CHARS = 1024;

  private Utf8() {}

  /** The index of the first byte that is not well-formed UTF-8, or -1 when all are. */
  public static int invalidAt(byte[] bytes) {
    if (isAscii(bytes)) {
      return -1;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer chunk = CharBuffer.allocate(CHUNK_CHARS);
    while (true) {
      CoderResult result = decoder.decode(in, chunk, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1;
      }
      chunk.clear();
    }
  }

  /** Most call logs are ASCII, and ASCII is UTF-8: one pass over the bytes decides. */
  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}

package dev.callchain.pipeline.io;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.ExtraFields;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.TraceMark;
import dev.callchain.pipeline.parse.Utf8;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The JSON text of what the pipeline writes: linked calls (SPEC §3) and dead letters. Written by
 * hand so that extra fields are spliced in as the raw bytes they arrived as.
 */
public final class OutputJson {
  /**
   * The default --maxRecordBytes: under Kafka's default 1 MiB a record (the producer's
   * max.request.size, the broker's message.max.bytes), with room for the key and the framing.
   */
  public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;

  /** With --traces, input fields of the names the output writes itself are kept under new names. */
  private static final Map<String, String> TRACE_FIELDS_KEPT_AS =
      Map.of("trace_id", "input_trace_id", "depth", "input_depth");

  private OutputJson() {}

  /**
   * {@code {id, src_ip, dst_ip, start_at_ms, end_at_ms, latency_msec, <extra>, parents, children}},
   * then {@code best_parent, parent_scores} with --bestParent, {@code revision} on a revision and
   * {@code trace_id, depth} with --traces (which keeps input fields of those names as
   * {@code input_trace_id, input_depth}).
   */
  public static byte[] linkedCall(LinkedCall linked) {
    CallRecord call = linked.call();
    Writer out = new Writer(160 + call.extraFields().length);
    out.raw("{\"id\":").string(call.id());
    out.raw(",\"src_ip\":").string(call.srcIp());
    out.raw(",\"dst_ip\":").string(call.dstIp());
    out.raw(",\"start_at_ms\":").raw(Long.toString(call.startAtMs()));
    out.raw(",\"end_at_ms\":").raw(Long.toString(call.endAtMs()));
    out.raw(",\"latency_msec\":").raw(number(call.latencyMsec()));
    byte[] extra = linked.trace() == null ? call.extraFields() : ExtraFields.renamed(call.extraFields(), TRACE_FIELDS_KEPT_AS);
    if (extra.length > 0) {
      out.raw(",").bytes(extra);
    }
    out.raw(",\"parents\":").strings(linked.parents());
    out.raw(",\"children\":").strings(linked.children());
    ParentScores scores = linked.parentScores();
    if (scores != null) {
      out.raw(",\"best_parent\":");
      if (scores.best() == null) {
        out.raw("null");
      } else {
        out.string(scores.best());
      }
      // The parents, then the near misses (--skewToleranceMs): the order the scores are in.
      out.raw(",\"parent_scores\":{");
      int parents = linked.parents().length;
      for (int i = 0; i < scores.scores().length; i++) {
        String id = i < parents ? linked.parents()[i] : scores.nearMisses()[i - parents];
        out.raw(i == 0 ? "" : ",").string(id).raw(":").raw(score(scores.scores()[i]));
      }
      out.raw("}");
    }
    if (linked.revision() > 0) {
      out.raw(",\"revision\":").raw(Integer.toString(linked.revision()));
    }
    TraceMark trace = linked.trace();
    if (trace != null) {
      out.raw(",\"trace_id\":").string(trace.traceId());
      out.raw(",\"depth\":").raw(Integer.toString(trace.depth()));
    }
    return out.raw("}").toByteArray();
  }

  /**
   * {@code {reason, reason_code, origin, original}}, where origin is {@code {topic, partition,
   * offset}}, {@code {file, line}} or {@code {linked_call}}, and original is the original as a
   * string when it is valid UTF-8, else base64 with {@code original_encoding: "base64"} (SPEC §1).
   *
   * <p>Never more than {@code maxBytes}: a letter that would be is written with the original cut
   * to fit, after {@code original_bytes} (its whole size), {@code original_sha256} (of its bytes)
   * and {@code original_truncated: true}, so that one oversized record cannot stop its sink.
   */
  public static byte[] deadLetter(DeadLetter letter, int maxBytes) {
    byte[] original = letter.original();
    String text = utf8(original);
    Writer out = new Writer(256 + Math.min(original.length, maxBytes));
    out.raw("{\"reason\":").string(letter.detail());
    out.raw(",\"reason_code\":").string(letter.reason().name());
    origin(out, letter.origin());
    if (text == null) {
      out.raw(",\"original_encoding\":\"base64\"");
    }
    int head = out.size();
    out.raw(",\"original\":");
    if (text != null) {
      out.string(text);
    } else {
      out.raw("\"").raw(Base64.getEncoder().encodeToString(original)).raw("\"");
    }
    out.raw("}");
    if (out.size() <= maxBytes) {
      return out.toByteArray();
    }
    out.truncate(head);
    out.raw(",\"original_bytes\":").raw(Integer.toString(original.length));
    out.raw(",\"original_sha256\":\"").raw(sha256(original)).raw("\"");
    out.raw(",\"original_truncated\":true,\"original\":");
    // The cut original's JSON text, quotes included, and the closing brace must fit what is left.
    int room = maxBytes - out.size() - 3;
    if (text != null) {
      out.string(text.substring(0, fittingPrefix(text, room)));
    } else {
      int bytes = Math.max(0, room / 4 * 3);
      out.raw("\"").raw(Base64.getEncoder().encodeToString(Arrays.copyOf(original, bytes))).raw("\"");
    }
    return out.raw("}").toByteArray();
  }

  private static void origin(Writer out, Origin origin) {
    if (origin.isLinkedCall()) {
      out.raw(",\"origin\":{\"linked_call\":").string(origin.source()).raw("}");
    } else if (origin.isFile()) {
      out.raw(",\"origin\":{\"file\":").string(origin.source());
      out.raw(",\"line\":").raw(Long.toString(origin.position())).raw("}");
    } else {
      out.raw(",\"origin\":{\"topic\":").string(origin.source());
      out.raw(",\"partition\":").raw(Integer.toString(origin.partition()));
      out.raw(",\"offset\":").raw(Long.toString(origin.position())).raw("}");
    }
  }

  /** The bytes as text when they are valid UTF-8, else null. */
  private static String utf8(byte[] bytes) {
    return Utf8.invalidAt(bytes) < 0 ? new String(bytes, StandardCharsets.UTF_8) : null;
  }


  /**
   * The longest prefix of {@code text}, in chars and never splitting a surrogate pair, whose JSON
   * string escaping takes at most {@code room} bytes. Escaping is Jackson's, the one {@link
   * Writer#string} uses, so that what is measured is what is written.
   */
  static int fittingPrefix(String text, int room) {
    // Searched in code points: Jackson refuses to escape half a surrogate pair.
    int fits = 0;
    int tooLong = text.codePointCount(0, text.length()) + 1;
    while (tooLong - fits > 1) {
      int middle = (fits + tooLong) >>> 1;
      if (escapedLength(text.substring(0, text.offsetByCodePoints(0, middle))) <= room) {
        fits = middle;
      } else {
        tooLong = middle;
      }
    }
    return text.offsetByCodePoints(0, fits);
  }

  private static int escapedLength(String text) {
    return JsonStringEncoder.getInstance().quoteAsUTF8(text).length;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A score in [0,1] to four decimals: enough to rank, short to print. */
  static String score(double score) {
    return BigDecimal.valueOf(Math.round(score * 10_000), 4).stripTrailingZeros().toPlainString();
  }

  /** Integral values without a fraction (30, not 30.0), as the input most likely had them. */
  static String number(double value) {
    long integral = (long) value;
    return integral == value ? Long.toString(integral) : Double.toString(value);
  }

  /** A growable byte buffer; unlike ByteArrayOutputStream, not synchronized per byte. */
  private static final class Writer {
    private byte[] bytes;
    private int size;

    Writer(int capacity) {
      bytes = new byte[capacity];
    }

    private void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[size++] = (byte) b;
    }

    Writer raw(String ascii) {
      ensure(ascii.length());
      for (int i = 0; i < ascii.length(); i++) {
        bytes[size++] = (byte) ascii.charAt(i);
      }
      return this;
    }

    Writer bytes(byte[] utf8) {
      ensure(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
      return this;
    }

    Writer string(String text) {
      write('"');
      bytes(JsonStringEncoder.getInstance().quoteAsUTF8(text));
      write('"');
      return this;
    }

    Writer strings(String[] texts) {
      write('[');
      for (int i = 0; i < texts.length; i++) {
        if (i > 0) {
          write(',');
        }
        string(texts[i]);
      }
      write(']');
      return this;
    }

    int size() {
      return size;
    }

    /** Forgets what was written after the first {@code length} bytes. */
    void truncate(int length) {
      size = length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}

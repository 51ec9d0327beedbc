package dev.callchain.pipeline.io;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.model.ParentScores;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;

/**
 * The JSON text of what the pipeline writes: linked calls (SPEC §3) and dead letters. Written by
 * hand so that extra fields are spliced in as the raw bytes they arrived as.
 */
public final class OutputJson {
  private OutputJson() {}

  /**
   * {@code {id, src_ip, dst_ip, start_at_ms, end_at_ms, latency_msec, <extra>, parents, children}},
   * then {@code best_parent, parent_scores} with --bestParent and {@code revision} on a revision.
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
    if (call.extraFields().length > 0) {
      out.raw(",").bytes(call.extraFields());
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
      out.raw(",\"parent_scores\":{");
      for (int i = 0; i < linked.parents().length; i++) {
        out.raw(i == 0 ? "" : ",").string(linked.parents()[i]).raw(":").raw(score(scores.scores()[i]));
      }
      out.raw("}");
    }
    if (linked.revision() > 0) {
      out.raw(",\"revision\":").raw(Integer.toString(linked.revision()));
    }
    return out.raw("}").toByteArray();
  }

  /** {@code {reason, reason_code, origin: {topic, partition, offset} | {file, line}, original}}. */
  public static byte[] deadLetter(DeadLetter letter) {
    Origin origin = letter.origin();
    Writer out = new Writer(128 + letter.original().length());
    out.raw("{\"reason\":").string(letter.detail());
    out.raw(",\"reason_code\":").string(letter.reason().name());
    if (origin.isFile()) {
      out.raw(",\"origin\":{\"file\":").string(origin.source());
      out.raw(",\"line\":").raw(Long.toString(origin.position())).raw("}");
    } else {
      out.raw(",\"origin\":{\"topic\":").string(origin.source());
      out.raw(",\"partition\":").raw(Integer.toString(origin.partition()));
      out.raw(",\"offset\":").raw(Long.toString(origin.position())).raw("}");
    }
    out.raw(",\"original\":").string(letter.original());
    return out.raw("}").toByteArray();
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

  private static final class Writer extends ByteArrayOutputStream {
    Writer(int size) {
      super(size);
    }

    Writer raw(String ascii) {
      for (int i = 0; i < ascii.length(); i++) {
        write(ascii.charAt(i));
      }
      return this;
    }

    Writer bytes(byte[] utf8) {
      write(utf8, 0, utf8.length);
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
  }
}

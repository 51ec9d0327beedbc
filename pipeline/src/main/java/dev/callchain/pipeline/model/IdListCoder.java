package dev.callchain.pipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/** Encodes a list of call ids as a count followed by the ids. Shared by the link coders. */
public final class IdListCoder {
  private IdListCoder() {}

  public static void encode(String[] ids, OutputStream out) throws IOException {
    encode(ids, ids.length, out);
  }

  /** Encodes the first {@code count} ids of {@code ids}. */
  public static void encode(String[] ids, int count, OutputStream out) throws IOException {
    VarIntCoder.of().encode(count, out);
    for (int i = 0; i < count; i++) {
      StringUtf8Coder.of().encode(ids[i], out);
    }
  }

  public static String[] decode(InputStream in) throws IOException {
    String[] ids = new String[VarIntCoder.of().decode(in)];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = StringUtf8Coder.of().decode(in);
    }
    return ids;
  }

  /**
   * Decodes ids, each replaced by the instance {@code canonical} already holds for it (and recorded
   * there when new), so that ids repeated across many lists are one object in memory.
   */
  public static String[] decode(InputStream in, Map<String, String> canonical) throws IOException {
    String[] ids = decode(in);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = canonical(ids[i], canonical);
    }
    return ids;
  }

  /** The instance {@code canonical} holds for {@code id}, which becomes it when there is none. */
  public static String canonical(String id, Map<String, String> canonical) {
    String held = canonical.putIfAbsent(id, id);
    return held == null ? id : held;
  }
}

package dev.callchain.pipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/** Encodes a list of call ids as a count followed by the ids. Shared by the link coders. */
public final class IdListCoder {
  private IdListCoder() {}

  public static void encode(String[] ids, OutputStream out) throws IOException {
    VarIntCoder.of().encode(ids.length, out);
    for (String id : ids) {
      StringUtf8Coder.of().encode(id, out);
    }
  }

  public static String[] decode(InputStream in) throws IOException {
    String[] ids = new String[VarIntCoder.of().decode(in)];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = StringUtf8Coder.of().decode(in);
    }
    return ids;
  }
}

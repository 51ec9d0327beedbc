package dev.callchain.accuracy.traces;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads the regular files of a tar stream (ustar and GNU long names), enough for trace archives
 * without a dependency. Directories, links and pax headers carry no spans and are passed over.
 */
final class TarArchive {
  private static final int BLOCK = 512;

  private TarArchive() {}

  static void forEachFile(InputStream tar, String archiveName, Consumer<TraceFile> visitor) throws IOException {
    DataInputStream in = new DataInputStream(tar);
    byte[] header = new byte[BLOCK];
    String longName = null;
    while (true) {
      try {
        in.readFully(header);
      } catch (EOFException e) {
        return; // some writers leave out the closing zero blocks
      }
      if (header[0] == 0) {
        return;
      }
      long size = octal(header, 124, 12, archiveName);
      byte type = header[156];
      byte[] data = in.readNBytes(Math.toIntExact(size));
      if (data.length < size) {
        throw new IOException(archiveName + ": tar entry cut short");
      }
      in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
      if (type == 'L') {
        longName = text(data, 0, data.length);
      } else {
        if (type == '0' || type == 0) {
          String name = longName != null ? longName : ustarName(header);
          visitor.accept(new TraceFile(archiveName + "!" + name, data, true));
        }
        longName = null;
      }
    }
  }

  private static String ustarName(byte[] header) {
    String name = text(header, 0, 100);
    String prefix = text(header, 345, 155);
    boolean ustar = text(header, 257, 5).equals("ustar");
    return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
  }

  private static long octal(byte[] header, int offset, int length, String archiveName) throws IOException {
    String digits = text(header, offset, length).trim();
    try {
      return Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      throw new IOException(archiveName + ": not a tar archive (entry size '" + digits + "')");
    }
  }

  private static String text(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }
}

package dev.callchain.accuracy.traces;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The files an {@code --in} names: a directory's files (recursively, in name order), a tar
 * archive's files ({@code .tar.gz}, {@code .tgz}, {@code .tar}), or one file; {@code .gz} is
 * unpacked on the way.
 */
final class TraceFiles {
  private TraceFiles() {}

  static void forEach(Path in, Consumer<TraceFile> visitor) throws IOException {
    if (Files.isDirectory(in)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(in)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        forEachInFile(file, true, visitor);
      }
    } else {
      forEachInFile(in, false, visitor);
    }
  }

  private static void forEachInFile(Path file, boolean member, Consumer<TraceFile> visitor) throws IOException {
    String name = file.toString();
    String lower = name.toLowerCase(Locale.ROOT);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        InputStream in = lower.endsWith(".gz") || lower.endsWith(".tgz") ? new GZIPInputStream(raw) : raw) {
      if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz") || lower.endsWith(".tar")) {
        TarArchive.forEachFile(in, name, visitor);
      } else {
        visitor.accept(new TraceFile(name, in.readAllBytes(), member));
      }
    }
  }
}

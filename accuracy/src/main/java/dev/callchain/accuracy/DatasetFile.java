package dev.callchain.accuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A file of real traces in a datasets directory, named {@code NAME.FORMAT.EXT} as the datasets'
 * README names them ({@code traceweaver-hotel_load75.jaeger.tar.gz}); other files there (the
 * README, fault lists) are not traces.
 */
record DatasetFile(String name, Path path) {
  private static final Pattern TRACE_FILE = Pattern.compile("(.+?)\\.(jaeger|otel|otlp|zipkin)\\..+");

  /** The trace files directly in {@code dir}, in name order. */
  static List<DatasetFile> in(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new Flags.UsageException("no datasets directory " + dir + " (give --datasets DIR)");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).sorted().flatMap(DatasetFile::of).toList();
    }
  }

  private static Stream<DatasetFile> of(Path file) {
    Matcher name = TRACE_FILE.matcher(file.getFileName().toString());
    return name.matches() ? Stream.of(new DatasetFile(name.group(1), file)) : Stream.empty();
  }
}

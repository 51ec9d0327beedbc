package dev.callchain.accuracy.traces;

import dev.callchain.accuracy.Flags;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** The formats {@code import} reads ({@code --format}), and how {@code auto} tells them apart. */
enum TraceFormat {
  JAEGER("jaeger", new JaegerReader()),
  OTEL_CSV("otel-csv", new NezhaCsvReader()),
  OTLP_JSON("otlp-json", new OtlpJsonReader()),
  ZIPKIN("zipkin", new ZipkinReader());

  /** How far into a JSON file auto detection looks for its first key. */
  private static final int SNIFF_BYTES = 4096;

  private final String flag;
  private final SpanReader reader;

  TraceFormat(String flag, SpanReader reader) {
    this.flag = flag;
    this.reader = reader;
  }

  SpanReader reader() {
    return reader;
  }

  /** The named format, or null for {@code auto}. */
  static TraceFormat parse(String flag) {
    if (flag.equals("auto")) {
      return null;
    }
    return Arrays.stream(values()).filter(format -> format.flag.equals(flag)).findFirst()
        .orElseThrow(() -> new Flags.UsageException(
            "--format: expected auto, jaeger, otel-csv, otlp-json or zipkin, got '" + flag + "'"));
  }

  /**
   * By name ({@code .csv}, {@code .csv.gz}), else by content: a JSON array is Zipkin, an object
   * with {@code resourceSpans} OTLP, one with {@code data} Jaeger, a {@code TraceID,} header CSV;
   * null for anything else.
   */
  static TraceFormat detect(TraceFile file) {
    String name = file.name().toLowerCase(Locale.ROOT);
    String head = new String(file.content(), 0, Math.min(SNIFF_BYTES, file.content().length), StandardCharsets.UTF_8)
        .stripLeading();
    if (name.endsWith(".csv") || name.endsWith(".csv.gz") || head.startsWith("TraceID,")) {
      return OTEL_CSV;
    }
    if (head.startsWith("[")) {
      return ZIPKIN;
    }
    int resourceSpans = head.indexOf("\"resourceSpans\"");
    int data = head.indexOf("\"data\"");
    if (head.startsWith("{") && resourceSpans >= 0 && (data < 0 || resourceSpans < data)) {
      return OTLP_JSON;
    }
    if (head.startsWith("{") && data >= 0) {
      return JAEGER;
    }
    return null;
  }
}

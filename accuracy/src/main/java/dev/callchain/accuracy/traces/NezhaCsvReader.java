package dev.callchain.accuracy.traces;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Nezha's OpenTelemetry CSV: {@code TraceID,SpanID,ParentID,PodName,OperationName,
 * StartTimeUnixNano,EndTimeUnixNano,Duration}, {@code root} for a root's parent. It has no span
 * kind ({@link SpanKinds} infers it) and no IP; nanoseconds are truncated to microseconds.
 */
final class NezhaCsvReader implements SpanReader {
  private static final List<String> COLUMNS = List.of("TraceID", "SpanID", "ParentID", "PodName", "OperationName",
      "StartTimeUnixNano", "EndTimeUnixNano");
  /** A Deployment's pod: the service, then the ReplicaSet's hash and the pod's own suffix. */
  private static final Pattern POD_SUFFIX = Pattern.compile("-[a-z0-9]{5,10}-[a-z0-9]{5}$");

  @Override
  public List<Span> read(TraceFile file) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(new ByteArrayInputStream(file.content()), StandardCharsets.UTF_8))) {
      String header = lines.readLine();
      int[] columns = columns(header == null ? List.of() : CsvLine.split(header));
      List<Span> spans = new ArrayList<>();
      String line;
      for (long number = 2; (line = lines.readLine()) != null; number++) {
        if (!line.isBlank()) {
          spans.add(span(CsvLine.split(line), columns, "line " + number));
        }
      }
      return spans;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] columns(List<String> header) {
    int[] columns = new int[COLUMNS.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = header.indexOf(COLUMNS.get(i));
      if (columns[i] < 0) {
        throw new IllegalArgumentException("no " + COLUMNS.get(i) + " column in the header " + header);
      }
    }
    return columns;
  }

  private static Span span(List<String> fields, int[] columns, String where) {
    if (fields.size() < COLUMNS.size()) {
      throw new IllegalArgumentException(where + ": " + fields.size() + " fields, expected " + COLUMNS.size());
    }
    String traceId = fields.get(columns[0]);
    String spanId = fields.get(columns[1]);
    String parentId = fields.get(columns[2]);
    String pod = fields.get(columns[3]);
    where = where + " (trace " + traceId + " span " + spanId + ")";
    if (pod.isBlank()) {
      throw new IllegalArgumentException(where + ": no PodName");
    }
    return new Span(traceId, spanId, parentId.isBlank() || parentId.equals("root") ? null : parentId,
        new ServiceInstance(POD_SUFFIX.matcher(pod).replaceFirst(""), pod, null), fields.get(columns[4]),
        micros(fields.get(columns[5]), where), micros(fields.get(columns[6]), where), null, Map.of());
  }

  private static long micros(String nanos, String where) {
    try {
      return Math.floorDiv(Long.parseLong(nanos.trim()), 1000L);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": time '" + nanos + "' is not whole nanoseconds");
    }
  }
}

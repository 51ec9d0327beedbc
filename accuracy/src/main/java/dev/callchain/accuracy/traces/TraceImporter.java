package dev.callchain.accuracy.traces;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports one {@code --in}: reads the spans of all its files, groups them by trace, picks the
 * address kind unless one was given, and turns each trace (the first {@code maxTraces} read) into calls.
 */
final class TraceImporter {
  private final TraceFormat format;
  private final AddressKind address;
  private final OpaqueIds ids;
  private final long maxTraces;
  private final PrintStream err;

  /** {@code format} and {@code address} null: detect them. */
  TraceImporter(TraceFormat format, AddressKind address, OpaqueIds ids, long maxTraces, PrintStream err) {
    this.format = format;
    this.address = address;
    this.ids = ids;
    this.maxTraces = maxTraces;
    this.err = err;
  }

  ImportedInput importFrom(Path in) throws IOException {
    Map<String, List<Span>> traces = new LinkedHashMap<>();
    Set<ServiceInstance> instances = new LinkedHashSet<>();
    ImportTally tally = new ImportTally();
    TraceFiles.forEach(in, file -> {
      for (Span span : read(file, tally)) {
        if (traces.size() >= maxTraces && !traces.containsKey(span.traceId())) {
          continue;
        }
        traces.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
        instances.add(span.instance());
      }
    });
    AddressKind kind = address != null ? address : AddressChoice.choose(instances, in.toString(), err);
    CallAddresses addresses = new CallAddresses(kind);
    List<ImportedCall> calls = new ArrayList<>();
    try {
      traces.forEach((traceId, spans) ->
          calls.addAll(new CallAssembler(new SpanTree(traceId, spans), addresses, ids, tally).calls()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(in + ": " + e.getMessage(), e);
    }
    return new ImportedInput(calls, tally.summary(in.toString(), kind));
  }

  /** Auto detection passes over files beside the traces (the TraceWeaver archives hold HTML and pickles). */
  private List<Span> read(TraceFile file, ImportTally tally) {
    try {
      TraceFormat detected = format != null ? format : TraceFormat.detect(file);
      if (detected == null && file.member()) {
        tally.notTraces(file.name());
        return List.of();
      }
      if (detected == null) {
        throw new IllegalArgumentException("not a trace format this reads (Jaeger JSON, Nezha CSV, OTLP JSON, "
            + "Zipkin v2); give --format");
      }
      return detected.reader().read(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file.name() + ": " + e.getMessage(), e);
    }
  }
}

package dev.callchain.accuracy.traces;

import java.util.List;

/** Reads one trace file into spans. A malformed file or span throws, naming the trace and span. */
interface SpanReader {
  List<Span> read(TraceFile file);
}

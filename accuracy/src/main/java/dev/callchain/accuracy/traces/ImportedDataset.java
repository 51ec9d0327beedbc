package dev.callchain.accuracy.traces;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * One trace file imported as {@code import} would with its defaults (format and address detected),
 * kept in memory so that it can be written at several loads.
 */
public final class ImportedDataset {
  /** {@link #read}'s {@code maxTraces} for every trace of the file. */
  public static final long ALL_TRACES = Long.MAX_VALUE;

  private final List<ImportedCall> calls;
  private final String summary;

  private ImportedDataset(List<ImportedCall> calls, String summary) {
    this.calls = List.copyOf(calls);
    this.summary = summary;
  }

  /** The first {@code maxTraces} traces of {@code file}; {@code err} hears how addresses were chosen. */
  public static ImportedDataset read(Path file, long maxTraces, PrintStream err) throws IOException {
    ImportedInput input = new TraceImporter(null, null, new OpaqueIds(""), maxTraces, err).importFrom(file);
    return new ImportedDataset(input.calls(), input.summary());
  }

  /** The same traces offered {@code factor} times faster (see {@link TraceStartCompression}). */
  public ImportedDataset atLoad(int factor) {
    return new ImportedDataset(TraceStartCompression.compress(calls, factor), summary);
  }

  /** Writes the call log and its truth, as {@code import --calls --truth} does. */
  public void write(Path callLog, Path truth) throws IOException {
    CallLogFiles.write(calls, callLog, truth);
  }

  public int calls() {
    return calls.size();
  }

  /** What the import read and made, in one line. */
  public String summary() {
    return summary;
  }
}

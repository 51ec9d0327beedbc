package dev.callchain.accuracy.traces;

import dev.callchain.accuracy.Flags;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code import}: turns recorded distributed traces into a call log and its ground truth, so the
 * linker's accuracy can be measured on real applications. Prints one summary line per input.
 */
public final class ImportCommand {
  public static final String USAGE =
      "import --in FILE|DIR|TAR.GZ [--in ...] --calls OUT.jsonl --truth OUT.jsonl\n"
          + "       [--format auto|jaeger|otel-csv|otlp-json|zipkin] [--address ip|pod|service] [--id-salt S]";

  private ImportCommand() {}

  public static void run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Flags flags = new Flags(args, Set.of("--in", "--calls", "--truth", "--format", "--address", "--id-salt"), Set.of());
    List<String> inputs = flags.all("--in");
    if (inputs.isEmpty()) {
      throw new Flags.UsageException("--in is required");
    }
    Path callLog = Path.of(flags.require("--calls"));
    Path truth = Path.of(flags.require("--truth"));
    TraceImporter importer = new TraceImporter(TraceFormat.parse(flags.getOr("--format", "auto")),
        flags.has("--address") ? AddressKind.parse(flags.get("--address")) : null,
        new OpaqueIds(flags.getOr("--id-salt", "")), ImportedDataset.ALL_TRACES, err);
    List<ImportedCall> calls = new ArrayList<>();
    for (String in : inputs) {
      ImportedInput imported = importer.importFrom(Path.of(in));
      out.println(imported.summary());
      calls.addAll(imported.calls());
    }
    requireUniqueIds(calls);
    CallLogFiles.write(calls, callLog, truth);
  }

  private static void requireUniqueIds(List<ImportedCall> calls) {
    Set<String> seen = new HashSet<>();
    for (ImportedCall call : calls) {
      if (!seen.add(call.id())) {
        throw new IllegalArgumentException("call id " + call.id() + " comes twice: is one trace in two inputs?");
      }
    }
  }
}

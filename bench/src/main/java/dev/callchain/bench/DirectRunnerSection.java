package dev.callchain.bench;

import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Section 8: callchain on Beam's DirectRunner over a small JSON Lines file, for context. */
final class DirectRunnerSection {
  static final String SYSTEM = "callchain (DirectRunner, file to file)";
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final Runs runs;
  private final Datasets datasets;
  private final Path workDir;
  private final Log log;

  DirectRunnerSection(Runs runs, Datasets datasets, Path workDir, Log log) {
    this.runs = runs;
    this.datasets = datasets;
    this.workDir = workDir;
    this.log = log;
  }

  Measured measure(long records) throws IOException, InterruptedException {
    Workload workload = Workload.defaults(records);
    Path input = workDir.resolve("direct-runner-input.jsonl");
    long written = datasets.intoFile(workload, input);
    log.step("DirectRunner: %d records from %s", written, input);
    ChildResult result = runs.jvm().run(runs.freshTopic("direct-runner"), CallchainChild.class,
        List.of("--runner=DirectRunner",
            "--inputFile=" + input,
            "--outputFile=" + workDir.resolve("direct-runner-output.jsonl"),
            "--deadLetterFile=" + workDir.resolve("direct-runner-dead.jsonl")),
        TIMEOUT);
    if (result.records() != written) {
      throw new IllegalStateException("DirectRunner read " + result.records() + " of " + written + " records");
    }
    return Measured.of(SYSTEM, workload.name(), written, List.of(result));
  }

  static MarkdownTable table(Measured m) {
    return new MarkdownTable("system", "records", "seconds", "records/s", "peak heap MB")
        .row(m.system(), Format.number(m.records()), Format.number(m.seconds()),
            Format.number(m.recordsPerSecond()), Format.megabytes(m.peakHeapBytes()));
  }
}

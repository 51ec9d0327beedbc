package dev.callchain.bench;

import dev.callchain.report.MarkdownTable;
import dev.callchain.simulator.SimulatorBenchmark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 7: the simulator's own benchmark (fast mode to a file, fast mode into Kafka, real-time
 * pacing lag), run in a child JVM against the bench's broker, plus the rate at which the bench's
 * own datasets went into Kafka.
 */
final class SimulatorSection {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final Runs runs;
  private final Log log;

  SimulatorSection(Runs runs, Log log) {
    this.runs = runs;
    this.log = log;
  }

  List<SimulatorFigure> measure(List<String> benchmarkArgs) throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("--kafka", runs.bootstrap()));
    args.addAll(benchmarkArgs);
    log.step("simulator: SimulatorBenchmark %s", String.join(" ", args));
    List<SimulatorFigure> figures = SimulatorFigure.parseAll(
        runs.jvm().runForOutput(runs.freshTopic("simulator"), SimulatorBenchmark.class.getName(), args,
            TIMEOUT));
    if (figures.isEmpty()) {
      throw new IllegalStateException("SimulatorBenchmark printed no figure");
    }
    return figures;
  }

  static MarkdownTable table(List<SimulatorFigure> figures, List<Datasets.Dataset> written) {
    MarkdownTable table = new MarkdownTable("what", "value", "unit", "target", "verdict");
    for (SimulatorFigure f : figures) {
      table.row(f.what(), Format.number(f.value()), f.unit(), f.target(), f.met() ? "MET" : "MISSED");
    }
    for (Datasets.Dataset d : written) {
      table.row("bench dataset " + d.workload().name() + " into Kafka (" + Format.number(d.records())
              + " records, 5 partitions, in-process)", Format.number(d.written().recordsPerSecond()),
          "records/s", "", "");
    }
    return table;
  }
}

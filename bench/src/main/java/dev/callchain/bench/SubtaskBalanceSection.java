package dev.callchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How evenly the linking spreads over parallel workers: callchain streams a dataset at parallelism
 * 8, and once it has read all of it (the linker's records in stop growing, at two per call or
 * more), Flink's records in per subtask of the linker are compared: the busiest worker's against
 * the mean. Each address is one key unless the linker cuts it (an option given as extra), so a
 * hot address's records all go to one worker.
 */
final class SubtaskBalanceSection {
  static final int PARALLELISM = 8;
  /** The target: the busiest linking worker handles at most this many times the mean records. */
  static final double TARGET = 2;
  /** The slice the bench cuts addresses into: well above the default workload's calls (at most ~0.2 s). */
  static final long SLICE_MS = 1000;

  /** @param note why there are no figures, else empty */
  record Result(Datasets.Dataset data, List<String> extra, Optional<SubtaskRecords> records, String note) {}

  private final ObservedCallchain callchain;
  private final Log log;

  SubtaskBalanceSection(ObservedCallchain callchain, Log log) {
    this.callchain = callchain;
    this.log = log;
  }

  /** With callchain's default key (an address) and then with its addresses cut into slices. */
  List<Result> measureUnslicedAndSliced(Datasets.Dataset data) throws IOException, InterruptedException {
    return List.of(measure(data, List.of()), measure(data, List.of("--addressSliceMs=" + SLICE_MS)));
  }

  Result measure(Datasets.Dataset data, List<String> linkerOptions) throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(List.of("--parallelism=" + PARALLELISM));
    options.addAll(linkerOptions);
    List<String> extra = new ArrayList<>(callchain.extra());
    extra.addAll(linkerOptions);
    log.step("subtask balance: callchain at parallelism %d reading %,d records of %s%s", PARALLELISM,
        data.records(), data.workload().name(), extra.isEmpty() ? "" : ", with " + String.join(" ", extra));
    try (ObservedCallchain.Observed observed = callchain.start(data, options)) {
      FlinkRest rest = observed.rest();
      Runs.LiveRun run = observed.run();
      ReadAll readAll = new ReadAll(2 * data.records());
      Optional<SubtaskRecords> records =
          rest.await(run, StreamingDrain.limitFor(data.records()), job -> readAll.look(rest, job));
      Result result = new Result(data, extra, records,
          records.isPresent() ? "" : "the linker did not take in the dataset within the time limit");
      log.result("subtask balance: %s", describe(result));
      return result;
    }
  }

  /**
   * Whether the linker has taken in the whole dataset: at least {@code atLeast} records in over its
   * subtasks, and no more for {@link #SETTLE} (a linker that sends a call to more keys than two
   * takes in more).
   */
  private static final class ReadAll {
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private final long atLeast;
    private long total = -1;
    private long since;

    ReadAll(long atLeast) {
      this.atLeast = atLeast;
    }

    Optional<SubtaskRecords> look(FlinkRest rest, String job) throws IOException, InterruptedException {
      Optional<JsonNode> linker = rest.linker(job);
      if (linker.isEmpty()) {
        return Optional.empty();
      }
      SubtaskRecords records = SubtaskRecords.of(linker.get());
      long now = System.nanoTime();
      if (records.total() != total) {
        total = records.total();
        since = now;
      }
      return total >= atLeast && now - since >= SETTLE.toNanos() ? Optional.of(records) : Optional.empty();
    }
  }

  /** "busiest 12,345 records, mean 5,000: 2.47x the mean", or why not. */
  static String describe(Result result) {
    return result.records()
        .map(r -> "busiest " + Format.number(r.busiest()) + " records, mean " + Format.number(r.mean()) + ": "
            + Format.ratio(r.busiestVsMean()) + " the mean")
        .orElse("n/a: " + result.note());
  }

  static Target target(Result result) {
    String name = "busiest linking worker / mean, records per subtask at parallelism " + PARALLELISM + ", "
        + result.data().workload().name() + " workload";
    return result.records()
        .map(r -> new Target(name, r.busiestVsMean(), Target.Bound.AT_MOST, TARGET, "x", ""))
        .orElse(Target.notMeasured(name, Target.Bound.AT_MOST, TARGET, "x", result.note()));
  }

  static MarkdownTable table(List<Result> results) {
    MarkdownTable table = new MarkdownTable("dataset", "records", "extra options", "records in per subtask",
        "busiest", "mean", "busiest / mean");
    results.forEach(result -> row(table, result));
    return table;
  }

  private static void row(MarkdownTable table, Result result) {
    String dataset = result.data().workload().name() + " " + result.data().workload().describe();
    String options = result.extra().isEmpty() ? "–" : String.join(" ", result.extra());
    result.records().ifPresentOrElse(
        r -> table.row(dataset, Format.number(result.data().records()), options,
            r.perSubtask().stream().map(Format::number).collect(Collectors.joining(", ")),
            Format.number(r.busiest()), Format.number(r.mean()), Format.ratio(r.busiestVsMean())),
        () -> table.row(dataset, Format.number(result.data().records()), options, "n/a: " + result.note(),
            "n/a", "n/a", "n/a"));
  }
}

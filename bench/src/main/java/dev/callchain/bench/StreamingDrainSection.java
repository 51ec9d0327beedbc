package dev.callchain.bench;

import dev.callchain.report.MarkdownTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The headline: each system started as a live stream, what users run, on a dataset already in
 * Kafka, from the earliest offsets: how fast its output grows while it catches up. The systems
 * run one after the other on the same dataset, in turns that alternate across repeats, so neither
 * always gets the warmer machine; the outputs of the first two systems must be equal. The same
 * drains compare callchain's state backends, RocksDB against the heap.
 */
final class StreamingDrainSection {
  /** The headline's systems: callchain against the hand-written Flink job. */
  static final List<LiveSystem> AGAINST_NATIVE = List.of(LiveSystem.CALLCHAIN, LiveSystem.NATIVE);
  /** callchain on its two state backends: the heap (as in the headline) and RocksDB. */
  static final List<LiveSystem> STATE_BACKENDS = List.of(LiveSystem.CALLCHAIN, LiveSystem.CALLCHAIN_ROCKSDB);

  /** All drains of one dataset and, when the first two systems completed, how their outputs compare. */
  record WorkloadDrains(Datasets.Dataset data, List<StreamingDrain.Drain> drains,
                        OutputDigest.Comparison comparison, String outputCheck) {
    List<StreamingDrain.Drain> of(LiveSystem system) {
      return drains.stream().filter(d -> d.system() == system).toList();
    }

    List<Double> rates(LiveSystem system) {
      return of(system).stream().map(StreamingDrain.Drain::recordsPerSecond).filter(r -> !r.isNaN()).toList();
    }

    /** The median rate of the system's drains that reached 90%; NaN when none did. */
    double recordsPerSecond(LiveSystem system) {
      return Measured.median(rates(system));
    }

    /** The median rate of {@code system} over that of {@code reference}; NaN when either has none. */
    double ratio(LiveSystem system, LiveSystem reference) {
      return recordsPerSecond(system) / recordsPerSecond(reference);
    }

    double callchainVsNative() {
      return ratio(LiveSystem.CALLCHAIN, LiveSystem.NATIVE);
    }

    boolean outputsDiffer() {
      return comparison != null && !comparison.equal();
    }
  }

  private final Runs runs;
  private final StreamingDrain drain;
  private final Log log;
  private final Map<LiveSystem, List<String>> extraOptions;

  /** @param extraOptions options added to a system's own, per system (none when absent) */
  StreamingDrainSection(Runs runs, Log log, Map<LiveSystem, List<String>> extraOptions) {
    this.runs = runs;
    this.drain = new StreamingDrain(runs.bootstrap());
    this.log = log;
    this.extraOptions = extraOptions;
  }

  /**
   * {@code repeats} rounds over {@code systems}, each round starting with the next system; then
   * the first two systems' outputs compared.
   */
  WorkloadDrains measure(Datasets.Dataset data, int repeats, List<LiveSystem> systems)
      throws InterruptedException {
    String workload = data.workload().name();
    StreamingDrain.tooShort(data.workload()).ifPresent(why -> log.result("WARNING: %s", why));
    List<StreamingDrain.Drain> drains = new ArrayList<>();
    for (int round = 0; round < repeats; round++) {
      for (int turn = 0; turn < systems.size(); turn++) {
        LiveSystem system = systems.get((round + turn) % systems.size());
        log.step("%s: %s draining %d records, run %d/%d", workload, system.label, data.records(), round + 1,
            repeats);
        Runs.LiveRun run = system.start(runs, data, extraOptions.getOrDefault(system, List.of()));
        StreamingDrain.Drain done = drain.watch(run, data.workload());
        log.result("%s", done.describe());
        drains.add(done);
      }
    }
    OutputDigest.Comparison comparison = null;
    String check;
    StreamingDrain.Drain first = systems.size() < 2 ? null : firstComplete(drains, systems.get(0));
    StreamingDrain.Drain second = systems.size() < 2 ? null : firstComplete(drains, systems.get(1));
    if (first == null || second == null) {
      check = "not compared: " + (systems.size() < 2 ? "one system ran" : "a system did not complete a drain");
    } else {
      String pair = first.system().option + " vs " + second.system().option;
      log.step("%s: comparing the live outputs, %s", workload, pair);
      comparison = digest(first).compareWith(digest(second));
      check = pair + ": " + comparison.describe();
    }
    log.result("%s: %s", workload, check);
    return new WorkloadDrains(data, List.copyOf(drains), comparison, check);
  }

  private OutputDigest digest(StreamingDrain.Drain done) {
    return runs.digest(done.outputTopic(), done.curve().expected());
  }

  private static StreamingDrain.Drain firstComplete(List<StreamingDrain.Drain> drains, LiveSystem system) {
    return drains.stream().filter(d -> d.system() == system && d.complete()).findFirst().orElse(null);
  }

  /** One row per system and dataset; {@code versus} heads the column of each rate over {@code reference}'s. */
  static MarkdownTable table(List<WorkloadDrains> all, LiveSystem reference, String versus) {
    MarkdownTable table = new MarkdownTable("system", "workload", "records", "runs",
        "records/s 10–90% (median, range)", versus, "s to 100% (median)", "incomplete");
    for (WorkloadDrains w : all) {
      for (LiveSystem system : LiveSystem.values()) {
        List<StreamingDrain.Drain> drains = w.of(system);
        if (drains.isEmpty()) {
          continue;
        }
        List<Double> toAll = drains.stream().map(StreamingDrain.Drain::secondsToAll)
            .filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).toList();
        List<String> incomplete = drains.stream().filter(d -> !d.complete())
            .map(StreamingDrain.Drain::completion).toList();
        table.row(system.label, w.data().workload().name() + " " + w.data().workload().describe(),
            Format.number(w.data().records()), drains.size(),
            StreamingDrain.flagged(Measured.spread(w.rates(system)), w.data().workload()),
            Format.ratio(w.ratio(system, reference)),
            Format.number(Measured.median(toAll)),
            incomplete.isEmpty() ? "–" : String.join("; ", incomplete));
      }
    }
    return table;
  }

  /** Under the table: each dataset's output check, and why a rate is marked "(idle flush)". */
  static String notes(List<WorkloadDrains> all) {
    StringBuilder md = new StringBuilder();
    for (WorkloadDrains w : all) {
      md.append("- ").append(w.data().workload().name()).append(": ").append(w.outputCheck()).append('\n');
      StreamingDrain.tooShort(w.data().workload())
          .ifPresent(why -> md.append("- (idle flush): ").append(why).append('\n'));
    }
    return md.toString();
  }
}

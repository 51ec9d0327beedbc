package dev.callchain.bench;

import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Section 6, sustained keep-up: the simulator in real time at rising rates of traces, with {@code
 * --ip-pool-size 100}; the highest rate at which the p99 of (output append time − floor) stays
 * within 1 s. Each rate is a run of its own (a {@link Rung}). Climbing stops at the first rate that
 * misses, which is still reported: higher rates would only cost minutes to miss too.
 */
final class KeepUpSection {
  static final int IP_POOL_SIZE = 100;

  /** Measures one rate of the ladder. */
  interface Rung {
    KeepUpRate measure(int tracesPerSecond) throws IOException, InterruptedException;
  }

  /**
   * The rates measured, in rising order: all kept up but maybe the last.
   *
   * @param ladder the rates planned, of which those after a miss were not run
   */
  record Result(List<Integer> ladder, List<KeepUpRate> rates) {
    /** The highest rate that kept up; empty when none did. */
    Optional<KeepUpRate> highestKeptUp() {
      return rates.stream().filter(KeepUpRate::keptUp).max(Comparator.comparingInt(KeepUpRate::tracesPerSecond));
    }

    /** The rate that did not keep up, where climbing stopped; empty when every rate kept up. */
    Optional<KeepUpRate> missed() {
      return rates.stream().filter(r -> !r.keptUp()).findFirst();
    }

    /** Records per trace over every rate run; NaN before any. */
    double recordsPerTrace() {
      double records = rates.stream().mapToDouble(r -> r.simulator().records()).sum();
      double traces = rates.stream().mapToDouble(r -> r.simulator().traces()).sum();
      return records / traces;
    }
  }

  private KeepUpSection() {}

  /** The plan's ladder, each rate a {@link KeepUpRun} of the plan's length on the bench's broker. */
  static Result measure(BenchPlan.KeepUpPlan plan, Runs runs, Path checkpoints, Log log)
      throws IOException, InterruptedException {
    return climb(plan.tracesPerSecond(), new KeepUpRun(runs, checkpoints, plan.run(), plan.warmup(), plan.pipelineOptions(), log), log);
  }

  /** Measures each rate of {@code ladder} (rising) in turn, up to the first that does not keep up. */
  static Result climb(List<Integer> ladder, Rung rung, Log log) throws IOException, InterruptedException {
    for (int i = 1; i < ladder.size(); i++) {
      if (ladder.get(i) <= ladder.get(i - 1)) {
        throw new IllegalArgumentException("keep-up rates must rise: " + ladder);
      }
    }
    List<KeepUpRate> rates = new ArrayList<>();
    for (int tracesPerSecond : ladder) {
      KeepUpRate rate = rung.measure(tracesPerSecond);
      rates.add(rate);
      log.result("keep-up at %,d traces/s: p99 %s ms over the floor, %s", tracesPerSecond,
          Format.number(rate.p99OverFloorMs()), rate.keptUp() ? "kept up" : "MISSED: climbing stops");
      if (!rate.keptUp()) {
        break;
      }
    }
    return new Result(List.copyOf(ladder), List.copyOf(rates));
  }

  /** How the section measures: rates, runs, what counts, how CPU is read. */
  static String describe(BenchPlan.KeepUpPlan plan, Result result) {
    return String.format(Locale.ROOT, "The simulator in real time (`--realtime --ip-pool-size %d`, event time ="
            + " wall time) at rising rates of traces (%s traces/s; a trace is about %s records), each rate a"
            + " run of %d s of its own with fresh topics (`message.timestamp.type=LogAppendTime`) and a fresh"
            + " callchain streaming from one to the other (default bound %,d ms, file checkpoints every 60 s),"
            + " so that no rate inherits another's backlog or state. Measured per rate: the records that"
            + " arrived after a %d s warm-up and whose floor (end_at_ms + bound) lies %d s before the simulator"
            + " stopped, each by output append time − floor; a record with no output %d s after the stop counts"
            + " as the slowest (`unbounded` when a percentile falls on one). A rate keeps up when that p99 is"
            + " at most %,d ms; climbing stops at the first rate that does not.%n%n"
            + "CPU, in CPU seconds per wall second (1.00 = one of the %d cores), from the end of the warm-up to"
            + " the stop: each process's user + system time over all its threads (`/proc/<pid>/stat`, read"
            + " through its `ProcessHandle`). The simulator and the pipeline are JVMs of their own; the broker"
            + " is the bench's JVM, which hosts it and otherwise only waits meanwhile. The three share the"
            + " machine; `machine` is its busy time as a whole (`/proc/stat`), of which what the three did not"
            + " use went to other processes. Pacing lag: how far the simulator fell behind its schedule (p99"
            + " over the whole run).%n",
        IP_POOL_SIZE, plan.tracesPerSecond().stream().map(Format::number).collect(Collectors.joining(", ")),
        Format.number(result.recordsPerTrace()), plan.run().toSeconds(), KeepUpRun.BOUND_MS,
        plan.warmup().toSeconds(), KeepUpRun.MARGIN.toSeconds(), KeepUpRun.OUTPUT_WAIT.toSeconds(),
        KeepUpRate.KEEP_UP_MS, Runtime.getRuntime().availableProcessors());
  }

  /** The highest rate that kept up and where climbing stopped. */
  static String verdict(Result result) {
    String highest = result.highestKeptUp()
        .map(r -> String.format(Locale.ROOT, "**%s traces/s** (%s records/s in)", Format.number(r.tracesPerSecond()),
            Format.number(r.recordsPerSecondIn())))
        .orElse("**none**");
    String stop = result.missed()
        .map(r -> String.format(Locale.ROOT, "; climbing stopped at %s traces/s, which did not%s",
            Format.number(r.tracesPerSecond()),
            result.rates().size() < result.ladder().size() ? " (higher rates not run)" : ""))
        .orElse("; every rate of the ladder kept up");
    return "Highest rate kept up: " + highest + stop + ".";
  }

  static MarkdownTable table(Result result) {
    MarkdownTable table = new MarkdownTable("traces/s", "--interval", "records/s in", "measured with output",
        "p50 over floor ms", "p99 over floor ms", "pacing lag p99 ms", "simulator CPU", "broker CPU",
        "pipeline CPU", "all three", "machine", "kept up");
    for (KeepUpRate r : result.rates()) {
      LatencySample s = r.sample();
      table.row(Format.number(r.tracesPerSecond()), KeepUpRun.intervalMs(r.tracesPerSecond()),
          Format.number(r.recordsPerSecondIn()),
          Format.number(s.measured()) + " of " + Format.number(s.measured() + s.missing()),
          Format.number(s.overFloorMs(50)), Format.number(r.p99OverFloorMs()),
          r.simulator().lag() == null ? "n/a" : Format.number(r.simulator().lag().p99Ms()),
          Format.cores(r.cpu().simulator()), Format.cores(r.cpu().broker()), Format.cores(r.cpu().pipeline()),
          Format.cores(r.cpu().total()), Format.cores(r.cpu().machine()), r.keptUp() ? "yes" : "NO");
    }
    return table;
  }
}

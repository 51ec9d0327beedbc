package dev.callchain.bench;

import dev.callchain.pipeline.options.EnvironmentDefaults;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Watches a system started as a live stream drain a dataset: counts its output topic every 250 ms
 * from the system's start until the topic holds every expected record and stays so for a few
 * seconds (a straggler or a duplicate would show), or until the time limit; then stops it.
 */
final class StreamingDrain {
  /** The rate runs between these shares of the output: the start-up before, the tail after. */
  static final double FROM = 0.1;
  static final double TO = 0.9;
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration SETTLE = Duration.ofSeconds(3);
  /** Time for a system's start and for the idle flush of the dataset's last bound of event time. */
  private static final Duration START_AND_FLUSH = Duration.ofMinutes(3);
  /** A drain slower than this, beyond {@link #START_AND_FLUSH}, is stopped and reported incomplete. */
  private static final double SLOWEST_RECORDS_PER_SECOND = 2_000;

  /**
   * One drain.
   *
   * @param complete whether the output held every expected record when the system was stopped
   * @param stoppedAfterSeconds from the system's start to its stop
   */
  record Drain(LiveSystem system, Workload workload, DrainCurve curve, boolean complete,
               double stoppedAfterSeconds, String outputTopic) {
    /** Output records per second between {@link #FROM} and {@link #TO} of the expected; NaN if not reached. */
    double recordsPerSecond() {
      return curve.recordsPerSecond(FROM, TO);
    }

    OptionalDouble secondsToAll() {
      return curve.secondsTo(1);
    }

    /** "100% after 75.2 s" (and any records beyond the expected), or how far it got. */
    String completion() {
      if (complete) {
        long beyond = curve.records() - curve.expected();
        return "100% after " + Format.number(secondsToAll().orElseThrow()) + " s"
            + (beyond > 0 ? ", and " + Format.number(beyond) + " offsets more: " + beyondWhy() : "");
      }
      return String.format(Locale.ROOT, "INCOMPLETE: %.1f%% (%s of %s records) when stopped after %s s",
          curve.share() * 100, Format.number(curve.records()), Format.number(curve.expected()),
          Format.number(stoppedAfterSeconds));
    }

    /** What takes offsets beyond the records: transactions' commit markers, else a restart's duplicates. */
    private String beyondWhy() {
      return system == LiveSystem.CALLCHAIN_EXACTLY_ONCE ? "commit markers" : "a restart's duplicates?";
    }

    /** One line: system, workload, records, rate, completion. */
    String describe() {
      return String.format(Locale.ROOT, "%-38s %-9s %11s records  10-90%%: %s  %s", system.label,
          workload.name(), Format.number(curve.expected()),
          flagged(Format.number(recordsPerSecond()) + " records/s", workload), completion());
    }
  }

  private final String bootstrap;

  StreamingDrain(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Watches the run until it completes or its time is up, then stops it. */
  Drain watch(Runs.LiveRun run, Workload workload) throws InterruptedException {
    DrainCurve curve = new DrainCurve(run.expected());
    long deadline = run.startedNanos() + limitFor(run.expected()).toNanos();
    long completeSince = -1;
    long now;
    try (run; TopicSize output = new TopicSize(bootstrap, run.outputTopic())) {
      while (true) {
        now = System.nanoTime();
        long records = output.records();
        curve.add((now - run.startedNanos()) / 1e9, records);
        if (records < run.expected()) {
          completeSince = -1;
        } else if (completeSince < 0) {
          completeSince = now;
        } else if (now - completeSince >= SETTLE.toNanos()) {
          break;
        }
        if (now > deadline) {
          break;
        }
        run.child().requireRunning();
        Thread.sleep(POLL.toMillis());
      }
    }
    return new Drain(run.system(), workload, curve, completeSince >= 0,
        (now - run.startedNanos()) / 1e9, run.outputTopic());
  }

  /** How long a live run over {@code records} gets: its start, the idle flush, and the slowest rate accepted. */
  static Duration limitFor(long records) {
    return START_AND_FLUSH.plusSeconds((long) (records / SLOWEST_RECORDS_PER_SECOND));
  }

  /** A rate, marked "(idle flush)" when the dataset is {@link #tooShort}. */
  static String flagged(String rate, Workload workload) {
    return rate + (tooShort(workload).isPresent() ? " (idle flush)" : "");
  }

  /**
   * Why the dataset is too short for its rate to measure the stream, if it is. Both systems'
   * watermark trails the largest start read by the bound (default --maxOutOfOrderMs), so neither
   * emits the dataset's last bound of event time until the idle flush, a minute after the input
   * ends; the {@link #TO} point has to come before that, else the rate times the flush.
   */
  static Optional<String> tooShort(Workload workload) {
    long bound = EnvironmentDefaults.MAX_OUT_OF_ORDER_MS;
    double watermarked = 1 - bound / workload.eventTimeSpanMs();
    if (watermarked >= TO) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT,
        "%s, %s records, spans about %s s of event time: the watermark (%d s behind) emits %.0f%% of it, the"
            + " idle flush the rest, so the %.0f%%-%.0f%% rate times the flush; this workload needs about %s"
            + " records", workload.name(), Format.number(workload.records()),
        Format.number(workload.eventTimeSpanMs() / 1000), bound / 1000, Math.max(0, watermarked) * 100,
        FROM * 100, TO * 100, Format.number(workload.recordsSpanning(bound / (1 - TO)))));
  }
}

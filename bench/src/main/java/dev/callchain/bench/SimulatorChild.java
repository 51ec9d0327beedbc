package dev.callchain.bench;

import dev.callchain.simulator.PacingLag;
import dev.callchain.simulator.RunSummary;
import dev.callchain.simulator.Simulator;
import dev.callchain.simulator.SimulatorOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that runs the simulator with the given flags, so that its CPU is a process of its
 * own, and prints its run's summary as a result line. A {@code --stream} run ends when the bench
 * stops this JVM (SIGTERM): the simulator stops, delivers what is in transit, and reports before
 * the JVM exits.
 */
public final class SimulatorChild {
  static final String TRACES = "traces";
  static final String RECORDS_SENT = "records_sent";
  static final String SEND_ERRORS = "send_errors";
  static final String LAG_EVENTS = "pacing_lag_events";
  static final String LAG_P99_MICROS = "pacing_lag_p99_us";
  static final String LAG_MAX_MICROS = "pacing_lag_max_us";
  /** How long the shutdown waits for the run to deliver and report. */
  private static final Duration REPORT_GRACE = Duration.ofSeconds(8);

  private SimulatorChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    Simulator simulator = new Simulator(SimulatorOptions.parse(args, System.getenv()), quiet, System.err);
    CountDownLatch reported = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.stop();
      try {
        reported.await(REPORT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "simulator-stop"));
    RunSummary summary = simulator.run();
    System.out.println(result(summary).toLine());
    System.out.flush();
    reported.countDown();
  }

  /** The summary as a result line's fields; the pacing lag in microseconds. */
  static ChildResult result(RunSummary summary) {
    PacingLag lag = summary.lag();
    Map<String, Long> metrics = lag == null
        ? Map.of(TRACES, summary.traces(), RECORDS_SENT, summary.recordsSent(), SEND_ERRORS, summary.sendErrors())
        : Map.of(TRACES, summary.traces(), RECORDS_SENT, summary.recordsSent(), SEND_ERRORS, summary.sendErrors(),
            LAG_EVENTS, lag.events(), LAG_P99_MICROS, Math.round(lag.p99Ms() * 1000),
            LAG_MAX_MICROS, Math.round(lag.maxMs() * 1000));
    return new ChildResult(summary.records(), summary.elapsed().toNanos() / 1e9, 0, metrics);
  }

  /** The summary back from a result line (the lag to the microsecond). */
  static RunSummary summary(ChildResult result) {
    PacingLag lag = result.metrics().containsKey(LAG_EVENTS)
        ? new PacingLag(result.metric(LAG_EVENTS), result.metric(LAG_MAX_MICROS) / 1000.0,
            result.metric(LAG_P99_MICROS) / 1000.0)
        : null;
    return new RunSummary(result.metric(TRACES), result.records(), result.metric(RECORDS_SENT),
        result.metric(SEND_ERRORS), Duration.ofNanos(Math.round(result.seconds() * 1e9)), lag);
  }
}

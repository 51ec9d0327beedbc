package dev.callchain.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One simulator dataset: how often requests come, over how many addresses per service, and about
 * how many records. Seed and base time are fixed, so the same workload is the same data.
 */
public record Workload(String name, double intervalMs, int ipPoolSize, long records) {
  static final long SEED = 20_240_601L;
  /** 2023-11-14T22:13:20Z: a fixed event-time origin for the fast-mode datasets. */
  static final long BASE_TIME_MS = 1_700_000_000_000L;
  /** The simulator makes about this many records per trace (Main, Sub1, Sub2, Sub3, maybe Sub2 again). */
  static final double RECORDS_PER_TRACE = 4.4;
  /** Traces asked of the simulator beyond the expected count, so that a dataset has its records. */
  private static final double TRACE_MARGIN = 1.02;

  static Workload defaults(long records) {
    return new Workload("default", 50, 10, records);
  }

  static Workload dense(long records) {
    return new Workload("dense", 1, 3, records);
  }

  static Workload extreme(long records) {
    return new Workload("extreme", 0.1, 1, records);
  }

  /** Dense's rate of requests spread over twice default's addresses per service. */
  static Workload moderate(long records) {
    return new Workload("moderate", 1, 20, records);
  }

  /** A workload by its name, for a command line. */
  static Workload named(String name, long records) {
    return switch (name) {
      case "default" -> defaults(records);
      case "dense" -> dense(records);
      case "moderate" -> moderate(records);
      case "extreme" -> extreme(records);
      default -> throw new IllegalArgumentException(
          "no workload " + name + "; default, dense, moderate or extreme");
    };
  }

  /** About how much event time the dataset spans: one trace per interval, on average. */
  double eventTimeSpanMs() {
    return traces() * intervalMs;
  }

  /** About how many records span {@code spanMs} of event time. */
  long recordsSpanning(double spanMs) {
    // The inverse of eventTimeSpanMs, margin included.
    return Math.round(spanMs / intervalMs * RECORDS_PER_TRACE / TRACE_MARGIN);
  }

  Workload withRecords(long count) {
    return new Workload(name, intervalMs, ipPoolSize, count);
  }

  /** Traces to ask for so that at least {@link #records} come out (rounding up, with 2% spare). */
  long traces() {
    return (long) Math.ceil(records / RECORDS_PER_TRACE * TRACE_MARGIN);
  }

  /** "interval 50 ms, 10 addresses/service". */
  String describe() {
    return String.format(Locale.ROOT, "--interval %s --ip-pool-size %d", plain(intervalMs), ipPoolSize);
  }

  /** Simulator flags for a fast-mode run of this workload; the destination is added by the caller. */
  List<String> simulatorArgs() {
    return new ArrayList<>(
        List.of(
            "--count", String.valueOf(traces()),
            "--interval", plain(intervalMs),
            "--ip-pool-size", String.valueOf(ipPoolSize),
            "--seed", String.valueOf(SEED),
            "--base-time-ms", String.valueOf(BASE_TIME_MS),
            "--id-prefix", name + "-",
            "--progress-every", "0"));
  }

  static String plain(double number) {
    return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
  }
}

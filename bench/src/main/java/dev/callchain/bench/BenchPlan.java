package dev.callchain.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each part of a bench run is: {@link #quick()} is a smoke run of a few minutes, {@link
 * #full()} the numbers to publish (about half an hour on two cores).
 */
record BenchPlan(
    String name,
    long throughputRecords,
    int repeats,
    long prototypeRecords,
    Duration prototypeTimeout,
    List<Workload> scalingPoints,
    long scanScalingCap,
    Duration scanPointBudget,
    Duration latencyRun,
    Duration latencyWarmup,
    List<String> simulatorBenchmarkArgs,
    long directRunnerRecords,
    JmhPlan jmh) {

  /** JMH: iterations of a fixed time, one fork, over these held counts. */
  record JmhPlan(int warmups, int iterations, Duration iterationTime, List<Integer> held) {}

  /**
   * A finite Kafka run holds every call until its end (the watermark stays put until the input is
   * exhausted), so one address holds about 2.1 x records / pool size: the scaling points vary the
   * pool size (and the interval) to hold from about 10 to about 100,000 calls per address.
   */
  static BenchPlan full() {
    return new BenchPlan(
        "full",
        2_000_000,
        3,
        20_000,
        Duration.ofSeconds(180),
        List.of(
            new Workload("p100000", 1, 100_000, 500_000),
            new Workload("p10000", 1, 10_000, 500_000),
            new Workload("p1000", 1, 1_000, 500_000),
            new Workload("p100", 1, 100, 500_000),
            new Workload("p10-fast", 0.1, 10, 500_000)),
        100_000,
        Duration.ofSeconds(60),
        Duration.ofSeconds(120),
        Duration.ofSeconds(20),
        List.of("--traces", "1000000", "--kafka-traces", "200000", "--realtime-seconds", "10"),
        15_000,
        new JmhPlan(2, 3, Duration.ofSeconds(2), List.of(10, 100, 1_000, 10_000, 100_000)));
  }

  static BenchPlan quick() {
    return new BenchPlan(
        "quick",
        50_000,
        1,
        5_000,
        Duration.ofSeconds(60),
        List.of(
            new Workload("p8000", 1, 8_000, 40_000),
            new Workload("p80", 1, 80, 40_000),
            new Workload("p3-fast", 0.1, 3, 40_000)),
        10_000,
        Duration.ofSeconds(30),
        Duration.ofSeconds(50),
        Duration.ofSeconds(12),
        List.of("--traces", "200000", "--kafka-traces", "50000", "--realtime-seconds", "3"),
        2_000,
        new JmhPlan(1, 2, Duration.ofMillis(500), List.of(10, 1_000, 100_000)));
  }
}

package dev.callchain.bench;

import dev.callchain.simulator.RunSummary;

/**
 * One rate of the keep-up ladder as measured: what the simulator sent, how late the outputs of
 * the measured records came over their floor, and the CPU each process used meanwhile.
 *
 * @param simulator the simulator's run, pacing lag included
 * @param recordsPerSecondIn what the rate of traces meant for the pipeline: the input records over
 *     the time between the broker's first append and its last
 */
record KeepUpRate(int tracesPerSecond, RunSummary simulator, double recordsPerSecondIn, LatencySample sample,
                  CpuUse cpu) {
  /** A rate is kept up when the p99 of latency over the floor is at most this. */
  static final long KEEP_UP_MS = 1_000;

  double p99OverFloorMs() {
    return sample.overFloorMs(99);
  }

  /** Not when nothing was measured, nor when more than 1% of the records had no output at all. */
  boolean keptUp() {
    return p99OverFloorMs() <= KEEP_UP_MS;
  }
}

package dev.callchain.bench;

import dev.callchain.simulator.PacingLag;
import dev.callchain.simulator.RunSummary;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Keep-up rates as a run would measure them, for tests. */
final class KeepUpRates {
  private static final long BOUND = 30_000;

  private KeepUpRates() {}

  /**
   * A 60 s run at the rate, 4.8 records a trace, whose 100 measured records came {@code
   * overFloorMs} over their floor, {@code missing} of them without output.
   */
  static KeepUpRate rate(int tracesPerSecond, long overFloorMs, int missing) {
    Map<String, LatencySample.Input> inputs = new HashMap<>();
    Map<String, Long> outputs = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      inputs.put("r" + i, new LatencySample.Input(1_000, 2_000)); // floor 29,000
      if (i >= missing) {
        outputs.put("r" + i, 2_000L + 29_000 + overFloorMs);
      }
    }
    long traces = tracesPerSecond * 60L;
    long records = traces * 48 / 10;
    RunSummary simulator = new RunSummary(traces, records, records, 0, Duration.ofSeconds(60),
        new PacingLag(traces, 12.5, 3.25));
    return new KeepUpRate(tracesPerSecond, simulator, records / 60.0, LatencySample.of(inputs, outputs, BOUND),
        new CpuUse(0.25, 0.5, 1.0, 1.9));
  }

  static KeepUpRate keptUp(int tracesPerSecond) {
    return rate(tracesPerSecond, 300, 0);
  }

  static KeepUpRate missed(int tracesPerSecond) {
    return rate(tracesPerSecond, 4_000, 0);
  }
}

package dev.callchain.nativeflink;

import dev.callchain.simulator.Simulator;
import dev.callchain.simulator.SimulatorOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Call logs as the simulator writes them: realistic traces, delivered out of order. */
final class SimulatedCallLogs {
  /** The longest delivery delay asked of the simulator; a bound above it makes nothing late. */
  static final long MAX_DELAY_MS = 2000;

  private SimulatedCallLogs() {}

  /** Lines of JSON, in delivery order, from {@code traces} requests {@code intervalMs} apart. */
  static List<String> lines(Path dir, int traces, int intervalMs, long seed) throws Exception {
    Path out = dir.resolve("simulated-" + seed + ".jsonl");
    String[] args = {
      "--count", Integer.toString(traces),
      "--interval", Integer.toString(intervalMs),
      "--seed", Long.toString(seed),
      "--base-time-ms", "1700000000000",
      "--out", out.toString()
    };
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    new Simulator(
            SimulatorOptions.parse(args, Map.of("SIMPY_MAX_DELAY_MS", Long.toString(MAX_DELAY_MS))),
            quiet,
            quiet)
        .run();
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }
}

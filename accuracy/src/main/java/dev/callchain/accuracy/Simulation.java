package dev.callchain.accuracy;

import dev.callchain.simulator.RunSummary;
import dev.callchain.simulator.Simulator;
import dev.callchain.simulator.SimulatorConfig;
import dev.callchain.simulator.SimulatorOptions;
import dev.callchain.simulator.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process simulator run, with the simulator's own command-line flags. Delivery delays come
 * from the SIMPY_DELAY_* environment as for the simulator's command line.
 */
record Simulation(SimulatorConfig config, RunSummary summary) {

  /** Fast mode into files: the call records in delivery order and the ground truth, as JSON Lines. */
  static Simulation toFiles(List<String> flags, Path calls, Path truth) throws IOException {
    List<String> args = new ArrayList<>(flags);
    args.addAll(List.of("--out", calls.toString(), "--truth", truth.toString()));
    return run(args);
  }

  static Simulation run(List<String> flags) throws IOException {
    List<String> args = new ArrayList<>(flags);
    args.addAll(List.of("--progress-every", "0"));
    SimulatorConfig config;
    try {
      config = SimulatorOptions.parse(args.toArray(new String[0]), System.getenv());
    } catch (UsageException e) {
      throw new Flags.UsageException("simulator: " + e.getMessage());
    }
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    RunSummary summary = new Simulator(config, quiet, quiet).run();
    if (summary.sendErrors() > 0) {
      throw new IOException("the simulator could not send " + summary.sendErrors() + " records");
    }
    return new Simulation(config, summary);
  }

  double seconds() {
    return summary.elapsed().toNanos() / 1e9;
  }
}

package dev.callchain.bench;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.simulator.RunSummary;
import dev.callchain.simulator.Simulator;
import dev.callchain.simulator.SimulatorOptions;
import dev.callchain.simulator.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes workloads once, with the simulator in fast mode, into Kafka topics or JSON Lines files. */
final class Datasets {
  static final int PARTITIONS = 5;
  private static final int ATTEMPTS = 3;

  private final EmbeddedKafkaBroker broker;
  private final PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());

  Datasets(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  /** A workload written into a topic of its own: where it is and how many records it has. */
  record Dataset(Workload workload, String topic, long records, RunSummary written) {}

  /**
   * Writes the workload into a new topic. A producer that meets a partition whose leader is not
   * ready yet can fall out of its idempotence sequence and fail its sends; then the dataset is
   * written again into a fresh topic, so that no run ever reads a partial dataset.
   */
  Dataset intoKafka(Workload workload, String topic) throws IOException {
    IOException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      String name = attempt == 1 ? topic : topic + "-retry" + attempt;
      Topics.create(broker, name, PARTITIONS, false);
      List<String> args = workload.simulatorArgs();
      args.addAll(
          List.of(
              "--bootstrap", broker.bootstrapServers(),
              "--topic", name,
              "--partitions", String.valueOf(PARTITIONS)));
      RunSummary summary = simulate(args);
      if (summary.sendErrors() == 0 && summary.recordsSent() == summary.records()) {
        return new Dataset(workload, name, summary.records(), summary);
      }
      failure = new IOException("writing " + workload.name() + " into " + name + " lost records: "
          + summary.sendErrors() + " send errors");
    }
    throw failure;
  }

  /** The workload as a JSON Lines file; returns how many records it has. */
  long intoFile(Workload workload, Path file) throws IOException {
    List<String> args = workload.simulatorArgs();
    args.addAll(List.of("--out", file.toString()));
    return simulate(args).records();
  }

  private RunSummary simulate(List<String> args) throws IOException {
    try {
      return new Simulator(SimulatorOptions.parse(args.toArray(String[]::new), Map.of()), quiet, quiet)
          .run();
    } catch (UsageException e) {
      throw new IllegalArgumentException("bad simulator flags " + args, e);
    }
  }
}

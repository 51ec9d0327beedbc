package dev.callchain.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Live callchain runs whose embedded Flink cluster the bench asks for Flink's own figures: each
 * run gets a Flink configuration of its own ({@link FlinkRest}), the options of its measurement,
 * and the options the bench adds to every live callchain run.
 */
final class ObservedCallchain {
  private final Runs runs;
  private final Path confDirs;
  private final List<String> extra;

  /**
   * @param confDirs where each run's Flink configuration is written
   * @param extra options added to every run's own (scripts/bench --callchain-arg=)
   */
  ObservedCallchain(Runs runs, Path confDirs, List<String> extra) {
    this.runs = runs;
    this.confDirs = confDirs;
    this.extra = List.copyOf(extra);
  }

  /** A running callchain and the REST API of its cluster; closing it stops the run. */
  record Observed(FlinkRest rest, Runs.LiveRun run) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      run.close();
    }
  }

  /** The options added to every run. */
  List<String> extra() {
    return extra;
  }

  /** Starts callchain on {@code data} as a live stream with {@code options}, then the added ones. */
  Observed start(Datasets.Dataset data, List<String> options) throws IOException {
    FlinkRest rest = FlinkRest.configure(confDirs);
    List<String> args = new ArrayList<>(options);
    args.add(rest.pipelineOption());
    args.addAll(extra);
    return new Observed(rest, LiveSystem.CALLCHAIN.start(runs, data, args));
  }
}

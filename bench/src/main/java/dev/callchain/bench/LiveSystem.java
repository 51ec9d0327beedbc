package dev.callchain.bench;

import java.util.List;

/** The systems the streaming drain compares, each started as a live stream by {@link Runs}. */
enum LiveSystem {
  CALLCHAIN("callchain", "callchain (FlinkRunner, live stream)") {
    @Override
    Runs.LiveRun start(Runs runs, Datasets.Dataset data, List<String> extra) {
      return runs.callchainLive(data, extra);
    }
  },
  NATIVE("native", "native Flink job (live stream)") {
    @Override
    Runs.LiveRun start(Runs runs, Datasets.Dataset data, List<String> extra) {
      return runs.nativeLive(data, extra);
    }
  };

  /** The name on a command line ({@code --systems callchain,native}). */
  final String option;
  /** The name in tables and logs. */
  final String label;

  LiveSystem(String option, String label) {
    this.option = option;
    this.label = label;
  }

  /** Starts this system on the dataset with {@code extra} options of its own. */
  abstract Runs.LiveRun start(Runs runs, Datasets.Dataset data, List<String> extra);

  static LiveSystem named(String option) {
    for (LiveSystem system : values()) {
      if (system.option.equals(option)) {
        return system;
      }
    }
    throw new IllegalArgumentException("no system " + option + "; callchain or native");
  }
}

package dev.callchain.bench;

import java.util.ArrayList;
import java.util.List;

/** The systems the streaming drains compare, each started as a live stream by {@link Runs}. */
enum LiveSystem {
  CALLCHAIN("callchain", "callchain (FlinkRunner, live stream)"),
  NATIVE("native", "native Flink job (live stream)") {
    @Override
    Runs.LiveRun start(Runs runs, Datasets.Dataset data, List<String> extra) {
      return runs.nativeLive(data, extra);
    }
  },
  /** callchain with its state in RocksDB, checkpointed incrementally, where CALLCHAIN keeps it on the heap. */
  CALLCHAIN_ROCKSDB("callchain-rocksdb", "callchain on RocksDB (FlinkRunner, live stream)", "--stateBackend=rocksdb"),
  /** callchain naming each call's most likely real parent (--bestParent), the cost of which this measures. */
  CALLCHAIN_BEST_PARENT("callchain-best-parent", "callchain, --bestParent (FlinkRunner, live stream)",
      "--bestParent=true"),
  /** callchain placing each call in its trace (--traces, which scores parents too), with its spans and graph. */
  CALLCHAIN_TRACES("callchain-traces", "callchain, --traces (FlinkRunner, live stream)", "--traces=true"),
  /**
   * callchain writing in Kafka transactions committed with each checkpoint (every 10 s unless an
   * option says otherwise), read as committed.
   */
  CALLCHAIN_EXACTLY_ONCE("callchain-exactly-once", "callchain, --exactlyOnce (FlinkRunner, live stream)",
      "--exactlyOnce=true", "--checkpointingInterval=10000");

  /** The name on a command line ({@code --systems callchain,native}, {@code --native-arg=}). */
  final String option;
  /** The name in tables and logs. */
  final String label;
  /** A callchain system's own pipeline options, before the command line's. */
  private final List<String> ownOptions;

  LiveSystem(String option, String label, String... ownOptions) {
    this.option = option;
    this.label = label;
    this.ownOptions = List.of(ownOptions);
  }

  /** Starts this system on the dataset with {@code extra} options of its own. */
  Runs.LiveRun start(Runs runs, Datasets.Dataset data, List<String> extra) {
    List<String> options = new ArrayList<>(ownOptions);
    options.addAll(extra);
    return runs.callchainLive(this, data, options);
  }

  /** Whether this is the callchain pipeline, whose options {@link PipelineOptionNames} knows. */
  boolean isCallchain() {
    return this != NATIVE;
  }

  static LiveSystem named(String option) {
    for (LiveSystem system : values()) {
      if (system.option.equals(option)) {
        return system;
      }
    }
    throw new IllegalArgumentException("no system " + option
        + "; callchain, native, callchain-rocksdb, callchain-best-parent or callchain-exactly-once");
  }
}

package dev.callchain.pipeline.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkStateBackendFactory;
import org.apache.flink.contrib.streaming.state.RocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;

/**
 * What {@code --stateBackend=rocksdb} runs on: Flink's RocksDB state backend with incremental
 * checkpoints, checkpointing into {@code --stateBackendStoragePath}. Beam 2.70 builds its own
 * rocksdb backend as {@code new RocksDBStateBackend(path)}, whose checkpoints are incremental only
 * when the Flink configuration says {@code state.backend.incremental: true} (a config.yaml in
 * {@code --flinkConfDir}); {@link OptionsReader} hands the choice to this factory instead, so the
 * job itself asks for incremental checkpoints, on the embedded cluster and on any other.
 *
 * <p>Timers stay on the heap (and in checkpoints): the linker sets one or two per key, and keeping
 * them in RocksDB as well cost a RocksDB write and delete per timer.
 */
public final class IncrementalRocksDb implements FlinkStateBackendFactory {
  @Override
  public StateBackend createStateBackend(FlinkPipelineOptions options) {
    try {
      RocksDBStateBackend backend = new RocksDBStateBackend(options.getStateBackendStoragePath(), true);
      backend.setPriorityQueueStateType(RocksDBStateBackend.PriorityQueueStateType.HEAP);
      return backend;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot use " + options.getStateBackendStoragePath() + " for RocksDB checkpoints", e);
    }
  }
}

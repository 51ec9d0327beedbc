package dev.callchain.pipeline.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * An unbounded source whose reader's own Beam metrics are kept out of the runner's metrics. The
 * FlinkRunner pushes every metric of a source's step to Flink after each record it reads (Beam
 * 2.70, {@code ReaderInvocationUtil.invokeAdvance}): with KafkaIO's per-partition counters and
 * gauges in that step, this was over half of the reading thread's time in a streaming run. The
 * reader's metrics go to a container of its own instead, so the step has none to push; callchain
 * counts what it reads itself ({@code calls_read}), and Flink reports records in and out. Splitting
 * reports into a container of its own too, so that the lineage KafkaIO records there does not log
 * an ERROR on every start.
 */
final class UnmeteredSource<T, C extends UnboundedSource.CheckpointMark>
    extends UnboundedSource<T, UnmeteredSource.Mark<C>> {
  /** Declared, as in every class a savepoint holds Java-serialized (SavepointCompatibilityTest). */
  private static final long serialVersionUID = 1L;

  private final UnboundedSource<T, C> source;

  UnmeteredSource(UnboundedSource<T, C> source) {
    this.source = source;
  }

  @Override
  public List<UnmeteredSource<T, C>> split(int desiredNumSplits, PipelineOptions options)
      throws Exception {
    List<UnmeteredSource<T, C>> splits = new ArrayList<>();
    // The runner splits outside any step (Flink's split enumerator): a source that reports metrics
    // there (KafkaIO's lineage) finds no container, and Beam logs that as an ERROR.
    try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(ownMetrics())) {
      for (UnboundedSource<T, C> split : source.split(desiredNumSplits, options)) {
        splits.add(new UnmeteredSource<>(split));
      }
    }
    return splits;
  }

  @Override
  public UnboundedReader<T> createReader(PipelineOptions options, @Nullable Mark<C> checkpointMark)
      throws IOException {
    MetricsContainerImpl own = ownMetrics();
    try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(own)) {
      return new Reader(
          source.createReader(options, checkpointMark == null ? null : checkpointMark.mark), own);
    }
  }

  private static MetricsContainerImpl ownMetrics() {
    return new MetricsContainerImpl("unmetered-source");
  }

  @Override
  public Coder<Mark<C>> getCheckpointMarkCoder() {
    return new MarkCoder<>(source.getCheckpointMarkCoder());
  }

  @Override
  public boolean requiresDeduping() {
    return source.requiresDeduping();
  }

  @Override
  public boolean offsetBasedDeduplicationSupported() {
    return source.offsetBasedDeduplicationSupported();
  }

  @Override
  public Coder<T> getOutputCoder() {
    return source.getOutputCoder();
  }

  @Override
  public void validate() {
    source.validate();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    source.populateDisplayData(builder);
  }

  /** Runs each call of the wrapped reader that may update metrics inside its own container. */
  private final class Reader extends UnboundedReader<T> {
    private final UnboundedReader<T> reader;
    private final MetricsContainerImpl own;

    Reader(UnboundedReader<T> reader, MetricsContainerImpl own) {
      this.reader = reader;
      this.own = own;
    }

    @Override
    public boolean start() throws IOException {
      try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(own)) {
        return reader.start();
      }
    }

    @Override
    public boolean advance() throws IOException {
      try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(own)) {
        return reader.advance();
      }
    }

    @Override
    @SuppressWarnings("unchecked") // the wrapped reader's marks are its source's C
    public CheckpointMark getCheckpointMark() {
      try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(own)) {
        return new Mark<>((C) reader.getCheckpointMark());
      } catch (IOException e) {
        throw new IllegalStateException("closing a metrics scope cannot fail", e);
      }
    }

    @Override
    public void close() throws IOException {
      try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(own)) {
        reader.close();
      }
    }

    @Override
    public T getCurrent() throws NoSuchElementException {
      return reader.getCurrent();
    }

    @Override
    public Instant getCurrentTimestamp() throws NoSuchElementException {
      return reader.getCurrentTimestamp();
    }

    @Override
    public byte[] getCurrentRecordId() throws NoSuchElementException {
      return reader.getCurrentRecordId();
    }

    @Override
    public byte[] getCurrentRecordOffset() {
      return reader.getCurrentRecordOffset();
    }

    @Override
    public Instant getWatermark() {
      return reader.getWatermark();
    }

    @Override
    public long getSplitBacklogBytes() {
      return reader.getSplitBacklogBytes();
    }

    @Override
    public long getTotalBacklogBytes() {
      return reader.getTotalBacklogBytes();
    }

    @Override
    public UnboundedSource<T, ?> getCurrentSource() {
      return UnmeteredSource.this;
    }
  }

  /**
   * The wrapped reader's checkpoint mark. The runner finalizes it (KafkaIO commits offsets there)
   * outside the reader's calls, where the reader's metrics would find no container either.
   */
  static final class Mark<C extends CheckpointMark> implements CheckpointMark {
    final C mark;

    Mark(C mark) {
      this.mark = mark;
    }

    @Override
    public void finalizeCheckpoint() throws IOException {
      try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(ownMetrics())) {
        mark.finalizeCheckpoint();
      }
    }
  }

  /** Encodes a {@link Mark} as the wrapped mark alone. */
  static final class MarkCoder<C extends CheckpointMark> extends CustomCoder<Mark<C>> {
    private static final long serialVersionUID = 1L;
    private final Coder<C> coder;

    MarkCoder(Coder<C> coder) {
      this.coder = coder;
    }

    @Override
    public void encode(Mark<C> value, OutputStream out) throws IOException {
      coder.encode(value.mark, out);
    }

    @Override
    public Mark<C> decode(InputStream in) throws IOException {
      return new Mark<>(coder.decode(in));
    }

    /** The wrapped mark's coder, which encodes the offsets a savepoint restores from. */
    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of(coder);
    }
  }
}

package dev.callchain.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.CoderUtils;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class UnmeteredSourceTest {
  private static final MetricName READ = MetricName.named("test", "read");
  private static final MetricName FINALIZED = MetricName.named("test", "finalized");
  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Test
  void theReadersMetricsStayOutOfTheStepsContainer() throws Exception {
    MetricsContainerImpl bare = new MetricsContainerImpl("bare");
    List<Long> plain = readAll(new MeteredSource(5), bare);
    MetricsContainerImpl step = new MetricsContainerImpl("step");
    List<Long> wrapped = readAll(new UnmeteredSource<>(new MeteredSource(5)), step);

    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), wrapped);
    assertEquals(plain, wrapped);
    // The same reader, unwrapped, reports into whatever container the runner scoped.
    assertEquals(5L, bare.getCounter(READ).getCumulative());
    assertEquals(1L, bare.getCounter(FINALIZED).getCumulative());
    assertEquals(0L, step.getCounter(READ).getCumulative());
    assertEquals(0L, step.getCounter(FINALIZED).getCumulative());
  }

  @Test
  void splitsMarksAndPositionsPassThrough() throws Exception {
    UnmeteredSource<Long, MeteredSource.Mark> source = new UnmeteredSource<>(new MeteredSource(10));
    List<UnmeteredSource<Long, MeteredSource.Mark>> splits = source.split(3, options);
    assertEquals(3, splits.size());

    UnboundedSource.UnboundedReader<Long> reader = source.createReader(options, null);
    assertSame(source, reader.getCurrentSource());
    assertTrue(reader.start());
    assertTrue(reader.advance());
    assertTrue(reader.advance());
    UnmeteredSource.Mark<MeteredSource.Mark> mark =
        CoderUtils.clone(source.getCheckpointMarkCoder(), cast(reader.getCheckpointMark()));
    assertEquals(3L, mark.mark.next);

    UnboundedSource.UnboundedReader<Long> resumed = source.createReader(options, mark);
    assertTrue(resumed.start());
    assertEquals(3L, resumed.getCurrent());
    assertEquals(new Instant(3), resumed.getCurrentTimestamp());
  }

  @SuppressWarnings("unchecked")
  private static UnmeteredSource.Mark<MeteredSource.Mark> cast(UnboundedSource.CheckpointMark mark) {
    return (UnmeteredSource.Mark<MeteredSource.Mark>) mark;
  }

  /** Reads everything with {@code step} scoped around each call, as the FlinkRunner does. */
  private List<Long> readAll(UnboundedSource<Long, ?> source, MetricsContainerImpl step)
      throws IOException {
    List<Long> read = new ArrayList<>();
    try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(step)) {
      UnboundedSource.UnboundedReader<Long> reader = source.createReader(options, null);
      for (boolean more = reader.start(); more; more = reader.advance()) {
        read.add(reader.getCurrent());
      }
      reader.getCheckpointMark().finalizeCheckpoint();
      reader.close();
    }
    return read;
  }

  /** Counts 0 to n - 1, reporting a counter per record and one per finalized mark. */
  private static final class MeteredSource extends UnboundedSource<Long, MeteredSource.Mark> {
    private final long count;

    MeteredSource(long count) {
      this.count = count;
    }

    @Override
    public List<MeteredSource> split(int desiredNumSplits, PipelineOptions options) {
      List<MeteredSource> splits = new ArrayList<>();
      for (int i = 0; i < desiredNumSplits; i++) {
        splits.add(new MeteredSource(count));
      }
      return splits;
    }

    @Override
    public UnboundedReader<Long> createReader(PipelineOptions options, @Nullable Mark mark) {
      return new CountingReader(this, mark == null ? 0 : mark.next);
    }

    @Override
    public Coder<Mark> getCheckpointMarkCoder() {
      return DelegateCoder.of(VarLongCoder.of(), mark -> mark.next, Mark::new);
    }

    @Override
    public Coder<Long> getOutputCoder() {
      return VarLongCoder.of();
    }

    static final class Mark implements UnboundedSource.CheckpointMark {
      final long next;

      Mark(long next) {
        this.next = next;
      }

      @Override
      public void finalizeCheckpoint() {
        Metrics.counter(FINALIZED.getNamespace(), FINALIZED.getName()).inc();
      }
    }

    private static final class CountingReader extends UnboundedReader<Long> {
      private final MeteredSource source;
      private long next;
      private long current = -1;

      CountingReader(MeteredSource source, long next) {
        this.source = source;
        this.next = next;
      }

      @Override
      public boolean start() {
        return advance();
      }

      @Override
      public boolean advance() {
        if (next >= source.count) {
          return false;
        }
        current = next++;
        Metrics.counter(READ.getNamespace(), READ.getName()).inc();
        return true;
      }

      @Override
      public Long getCurrent() {
        if (current < 0) {
          throw new NoSuchElementException();
        }
        return current;
      }

      @Override
      public Instant getCurrentTimestamp() {
        return new Instant(getCurrent());
      }

      @Override
      public Instant getWatermark() {
        return new Instant(current);
      }

      @Override
      public CheckpointMark getCheckpointMark() {
        return new Mark(next);
      }

      @Override
      public MeteredSource getCurrentSource() {
        return source;
      }

      @Override
      public void close() {}
    }
  }
}

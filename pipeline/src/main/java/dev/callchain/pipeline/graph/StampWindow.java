package dev.callchain.pipeline.graph;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;

/** Puts the bounds of its window into a window's result, which the records carry downstream. */
final class StampWindow<V, R> extends DoFn<V, R> {
  /** Builds the record of {@code value} for the window [startMs, endMs). */
  interface Stamp<V, R> extends Serializable {
    R of(long startMs, long endMs, V value);
  }

  private final Stamp<V, R> stamp;

  StampWindow(Stamp<V, R> stamp) {
    this.stamp = stamp;
  }

  @ProcessElement
  public void processElement(@Element V value, IntervalWindow window, OutputReceiver<R> out) {
    out.output(stamp.of(window.start().getMillis(), window.end().getMillis(), value));
  }
}

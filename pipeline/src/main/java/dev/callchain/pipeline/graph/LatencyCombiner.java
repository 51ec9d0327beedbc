package dev.callchain.pipeline.graph;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/** Latencies (ms) into their count and percentiles, in a {@link LatencySketch}'s bounded space. */
final class LatencyCombiner extends CombineFn<Double, LatencySketch, LatencyStats> {
  @Override
  public LatencySketch createAccumulator() {
    return new LatencySketch();
  }

  @Override
  public LatencySketch addInput(LatencySketch sketch, Double latencyMs) {
    sketch.add(latencyMs);
    return sketch;
  }

  @Override
  public LatencySketch mergeAccumulators(Iterable<LatencySketch> sketches) {
    LatencySketch merged = new LatencySketch();
    for (LatencySketch sketch : sketches) {
      merged.merge(sketch);
    }
    return merged;
  }

  @Override
  public LatencyStats extractOutput(LatencySketch sketch) {
    return LatencyStats.of(sketch);
  }

  @Override
  public Coder<LatencySketch> getAccumulatorCoder(CoderRegistry registry, Coder<Double> input) {
    return LatencySketch.SketchCoder.of();
  }
}

package dev.callchain.pipeline;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Prints the pipeline's counters when a run ends. */
final class MetricsReport {
  private MetricsReport() {}

  static Map<String, Long> counters(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    Map<String, Long> counters = new TreeMap<>();
    for (MetricResult<Long> counter : metrics.getCounters()) {
      if (CallchainMetrics.NAMESPACE.equals(counter.getName().getNamespace())) {
        counters.merge(counter.getName().getName(), value(counter), Long::sum);
      }
    }
    return counters;
  }

  static void print(PipelineResult result, double seconds, PrintStream out) {
    Map<String, Long> counters = counters(result);
    out.println("callchain: run finished in " + String.format("%.1f s", seconds));
    counters.forEach((name, value) -> out.printf("  %-32s %d%n", name, value));
    long read = counters.getOrDefault(CallchainMetrics.CALLS_READ, 0L);
    if (seconds > 0 && read > 0) {
      out.printf("  %-32s %.0f%n", "records_per_second", read / seconds);
    }
  }

  /** Committed where the runner has it, attempted otherwise. */
  private static long value(MetricResult<Long> counter) {
    try {
      return counter.getCommitted();
    } catch (UnsupportedOperationException e) {
      return counter.getAttempted();
    }
  }
}

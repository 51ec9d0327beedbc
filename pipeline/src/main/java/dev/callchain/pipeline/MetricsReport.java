package dev.callchain.pipeline;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Reads the pipeline's metrics when a run ends, and prints them. */
public final class MetricsReport {
  private MetricsReport() {}

  /** The counters of the callchain namespace, by name. */
  public static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> counters = new TreeMap<>();
    for (MetricResult<Long> counter : query(result).getCounters()) {
      if (CallchainMetrics.NAMESPACE.equals(counter.getName().getNamespace())) {
        counters.merge(counter.getName().getName(), value(counter), Long::sum);
      }
    }
    return counters;
  }

  /** The counters, each gauge, and each distribution's largest value as {@code <name>_max}. */
  public static Map<String, Long> metrics(PipelineResult result) {
    Map<String, Long> metrics = counters(result);
    for (MetricResult<DistributionResult> distribution : query(result).getDistributions()) {
      if (CallchainMetrics.NAMESPACE.equals(distribution.getName().getNamespace())) {
        DistributionResult value = value(distribution);
        if (value.getCount() > 0) {
          metrics.merge(distribution.getName().getName() + "_max", value.getMax(), Math::max);
        }
      }
    }
    for (MetricResult<GaugeResult> gauge : query(result).getGauges()) {
      if (CallchainMetrics.NAMESPACE.equals(gauge.getName().getNamespace())) {
        metrics.merge(gauge.getName().getName(), value(gauge).getValue(), Math::max);
      }
    }
    return metrics;
  }

  static void print(Map<String, Long> metrics, double seconds, PrintStream out) {
    out.println("callchain: run finished in " + String.format("%.1f s", seconds));
    metrics.forEach((name, value) -> out.printf("  %-32s %d%n", name, value));
    long read = metrics.getOrDefault(CallchainMetrics.CALLS_READ, 0L);
    if (seconds > 0 && read > 0) {
      out.printf("  %-32s %.0f%n", "records_per_second", read / seconds);
    }
  }

  private static MetricQueryResults query(PipelineResult result) {
    return result.metrics().queryMetrics(MetricsFilter.builder().build());
  }

  /** Committed where the runner has it, attempted otherwise. */
  private static <T> T value(MetricResult<T> metric) {
    try {
      return metric.getCommitted();
    } catch (UnsupportedOperationException e) {
      return metric.getAttempted();
    }
  }
}

package dev.callchain.bench;

import dev.callchain.pipeline.CallchainMetrics;
import java.util.List;

/**
 * One system on one dataset, run one or more times. Figures are medians over the runs (the
 * machine is shared and noisy); peak heap and held records are the largest seen.
 *
 * @param note why there are no runs (the system is missing, the run timed out), else empty
 */
record Measured(String system, String workload, long records, List<ChildResult> runs, String note) {
  static Measured of(String system, String workload, long records, List<ChildResult> runs) {
    return new Measured(system, workload, records, List.copyOf(runs), "");
  }

  static Measured missing(String system, String workload, long records, String why) {
    return new Measured(system, workload, records, List.of(), why);
  }

  boolean measured() {
    return !runs.isEmpty();
  }

  double recordsPerSecond() {
    return median(runs.stream().map(ChildResult::recordsPerSecond).toList());
  }

  double seconds() {
    return median(runs.stream().map(ChildResult::seconds).toList());
  }

  /** "123,456 (110,000-130,000)" over repeated runs, the median alone for one. */
  String recordsPerSecondWithSpread() {
    return spread(runs.stream().map(ChildResult::recordsPerSecond).toList());
  }

  /** The median and, for more than one value, the range: "123,456 (110,000–130,000)"; "n/a" for none. */
  static String spread(List<Double> values) {
    if (values.isEmpty()) {
      return "n/a";
    }
    String median = Format.number(median(values));
    if (values.size() == 1) {
      return median;
    }
    double low = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double high = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return median + " (" + Format.number(low) + "–" + Format.number(high) + ")";
  }

  long peakHeapBytes() {
    return runs.stream().mapToLong(ChildResult::peakHeapBytes).max().orElse(0);
  }

  /** The largest number of calls one address held (callchain's metric); 0 where not reported. */
  long heldPerAddressMax() {
    return runs.stream()
        .mapToLong(r -> r.metric(CallchainMetrics.HELD_PER_ADDRESS + "_max"))
        .max()
        .orElse(0);
  }

  /** The median (the lower middle for an even count); NaN when empty. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((sorted.size() - 1) / 2);
  }
}

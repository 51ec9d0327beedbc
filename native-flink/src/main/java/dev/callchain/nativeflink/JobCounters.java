package dev.callchain.nativeflink;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The job's counters, as Flink accumulators: summed over the parallel instances and handed back
 * with the job's result. Named as the Beam pipeline's metrics ({@code CallchainMetrics}), so that
 * the two runs compare name by name.
 */
final class JobCounters {
  private JobCounters() {}

  static LongCounter counter(RuntimeContext context, String name) {
    LongCounter counter = new LongCounter();
    context.addAccumulator(name, counter);
    return counter;
  }

  /** The largest value seen; reported as {@code <name>_max} like the pipeline's distributions. */
  static LongMaximum maximum(RuntimeContext context, String name) {
    LongMaximum maximum = new LongMaximum();
    context.addAccumulator(name + "_max", maximum);
    return maximum;
  }
}

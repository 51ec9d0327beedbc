package dev.callchain.nativeflink;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each accepted call to both of its addresses, as a candidate parent to its dst_ip and as a
 * candidate child to its src_ip, and each rejected log to {@link #DEAD_LETTERS}.
 */
final class RouteParsedLogs
    extends ProcessFunction<Either<CallRecord, DeadLetter>, CallAtAddress> {
  static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", JobTypes.DEAD_LETTER);

  private transient LongCounter read;
  private transient LongCounter accepted;
  private transient LongCounter rejected;

  @Override
  public void open(OpenContext context) {
    read = JobCounters.counter(getRuntimeContext(), CallchainMetrics.CALLS_READ);
    accepted = JobCounters.counter(getRuntimeContext(), CallchainMetrics.CALLS_ACCEPTED);
    rejected = JobCounters.counter(getRuntimeContext(), CallchainMetrics.CALLS_REJECTED);
  }

  @Override
  public void processElement(
      Either<CallRecord, DeadLetter> parsed, Context context, Collector<CallAtAddress> out) {
    read.add(1);
    if (parsed.isLeft()) {
      accepted.add(1);
      out.collect(CallAtAddress.asParent(parsed.left()));
      out.collect(CallAtAddress.asChild(parsed.left()));
    } else {
      rejected.add(1);
      context.output(DEAD_LETTERS, parsed.right());
    }
  }
}

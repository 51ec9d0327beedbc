package dev.callchain.nativeflink;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.link.CallsAtAddress;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a call's two halves (its parents, found under its src_ip, and its children, found under
 * its dst_ip) into the one output record, keyed by call id. The Flink counterpart of the
 * pipeline's {@code AssembleByIdFn}.
 *
 * <p>Both halves of every admitted call are always emitted, so a half waits until its partner
 * comes, however far apart in processing time the two addresses emit it. It is given up on only
 * when the watermark passes {@link CallsAtAddress#bothHalvesOutBy} its end, past which its
 * partner cannot come: that leaves only a redelivery that one address recognised and the other
 * did not. A parents half (it has the record) is emitted as it is rather than risk losing a
 * record; a children half alone has no record and is dropped. Either way it is counted, and state
 * never leaks.
 */
final class JoinHalves extends KeyedProcessFunction<String, PartialLinks, LinkedCall> {
  private static final Logger LOG = LoggerFactory.getLogger(JoinHalves.class);
  private static final String[] NONE = new String[0];

  /** The first half to arrive; its timer is at {@code bothHalvesOutBy(half.end())}. */
  private transient ValueState<PartialLinks> waiting;
  private transient LongCounter emitted;
  private transient LongCounter duplicates;
  private transient LongCounter unpairedEmitted;
  private transient LongCounter unpairedDropped;

  @Override
  public void open(OpenContext context) {
    waiting =
        getRuntimeContext().getState(new ValueStateDescriptor<>("waiting", JobTypes.PARTIAL_LINKS));
    emitted = JobCounters.counter(getRuntimeContext(), CallchainMetrics.CALLS_EMITTED);
    duplicates = JobCounters.counter(getRuntimeContext(), CallchainMetrics.DUPLICATE_HALVES);
    unpairedEmitted = JobCounters.counter(getRuntimeContext(), CallchainMetrics.UNPAIRED_EMITTED);
    unpairedDropped = JobCounters.counter(getRuntimeContext(), CallchainMetrics.UNPAIRED_DROPPED);
  }

  @Override
  public void processElement(PartialLinks half, Context context, Collector<LinkedCall> out)
      throws Exception {
    PartialLinks partner = waiting.value();
    if (partner == null) {
      context.timerService().registerEventTimeTimer(CallsAtAddress.bothHalvesOutBy(half.end()));
      waiting.update(half);
    } else if (partner.hasParents() == half.hasParents()) {
      duplicates.add(1);
    } else {
      PartialLinks parents = half.hasParents() ? half : partner;
      PartialLinks children = half.hasParents() ? partner : half;
      out.collect(new LinkedCall(parents.call(), parents.ids(), children.ids()));
      emitted.add(1);
      context.timerService().deleteEventTimeTimer(CallsAtAddress.bothHalvesOutBy(partner.end()));
      waiting.clear();
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<LinkedCall> out)
      throws Exception {
    PartialLinks half = waiting.value();
    if (half.hasParents()) {
      LOG.warn("Call {} got no children half; emitting it with its parents only", half.id());
      out.collect(new LinkedCall(half.call(), half.ids(), NONE));
      unpairedEmitted.add(1);
    } else {
      LOG.warn("Dropping a children half of call {} that has no record: a redelivery", half.id());
      unpairedDropped.add(1);
    }
    waiting.clear();
  }
}

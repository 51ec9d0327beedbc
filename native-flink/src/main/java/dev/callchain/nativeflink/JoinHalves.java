package dev.callchain.nativeflink;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a call's two halves (its parents, found under its src_ip, and its children, found under
 * its dst_ip) into the one output record, keyed by call id. The Flink counterpart of the
 * pipeline's {@code AssembleByIdFn}.
 *
 * <p>Both halves of every admitted call are always emitted, so a half waits only until its
 * partner comes. One still unpaired after the pairing timeout (processing time) can only be left
 * over from a redelivery that one address recognised and the other did not: a parents half (it
 * has the record) is emitted as it is rather than risk losing a record; a children half alone has
 * no record and is dropped. Either way it is counted, and state never leaks.
 */
final class JoinHalves extends KeyedProcessFunction<String, PartialLinks, LinkedCall> {
  private static final Logger LOG = LoggerFactory.getLogger(JoinHalves.class);
  private static final String[] NONE = new String[0];

  private final long pairingTimeoutMs;

  /** The first half to arrive, and when its pairing timer fires (to delete it on pairing). */
  private transient ValueState<Tuple2<PartialLinks, Long>> waiting;
  private transient LongCounter emitted;
  private transient LongCounter duplicates;
  private transient LongCounter unpairedEmitted;
  private transient LongCounter unpairedDropped;

  JoinHalves(long pairingTimeoutMs) {
    this.pairingTimeoutMs = pairingTimeoutMs;
  }

  @Override
  public void open(OpenContext context) {
    waiting =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "waiting", Types.TUPLE(JobTypes.PARTIAL_LINKS, Types.LONG)));
    emitted = JobCounters.counter(getRuntimeContext(), CallchainMetrics.CALLS_EMITTED);
    duplicates = JobCounters.counter(getRuntimeContext(), CallchainMetrics.DUPLICATE_HALVES);
    unpairedEmitted = JobCounters.counter(getRuntimeContext(), CallchainMetrics.UNPAIRED_EMITTED);
    unpairedDropped = JobCounters.counter(getRuntimeContext(), CallchainMetrics.UNPAIRED_DROPPED);
  }

  @Override
  public void processElement(PartialLinks half, Context context, Collector<LinkedCall> out)
      throws Exception {
    Tuple2<PartialLinks, Long> partner = waiting.value();
    if (partner == null) {
      long deadline = context.timerService().currentProcessingTime() + pairingTimeoutMs;
      context.timerService().registerProcessingTimeTimer(deadline);
      waiting.update(Tuple2.of(half, deadline));
    } else if (partner.f0.hasParents() == half.hasParents()) {
      duplicates.add(1);
    } else {
      PartialLinks parents = half.hasParents() ? half : partner.f0;
      PartialLinks children = half.hasParents() ? partner.f0 : half;
      out.collect(new LinkedCall(parents.call(), parents.ids(), children.ids()));
      emitted.add(1);
      context.timerService().deleteProcessingTimeTimer(partner.f1);
      waiting.clear();
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<LinkedCall> out)
      throws Exception {
    PartialLinks half = waiting.value().f0;
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

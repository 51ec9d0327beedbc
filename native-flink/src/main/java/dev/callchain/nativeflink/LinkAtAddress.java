package dev.callchain.nativeflink;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.link.CallsAtAddress;
import dev.callchain.pipeline.model.PartialLinks;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Links the calls under one address (the key) with the pipeline's per-address index, {@link
 * CallsAtAddress}: each call that went to it is a candidate parent of each call that left it. A
 * call's links are complete once the watermark passes its end; it is emitted then, as {@link
 * PartialLinks}. The Flink counterpart of the pipeline's {@code LinkAtAddressFn}.
 *
 * <p>One event-time timer per key, at the earliest held end rounded up to {@link
 * CallsAtAddress#EMIT_GRANULE_MS} (a busy key fires a few times per second of event time, not
 * once per call).
 * When it fires, everything that ended before the current watermark goes, so a watermark far
 * ahead (a backlog, the end of a bounded input) needs one firing, not one per granule. One
 * processing-time timer per key for the idle flush (SPEC §4).
 */
final class LinkAtAddress extends KeyedProcessFunction<String, CallAtAddress, PartialLinks> {
  private static final long UNSET = Long.MIN_VALUE;
  // The key's timer bookkeeping, one long[] in state: when each timer is set to fire, and the
  // processing time of the last arrival.
  private static final int EVICT_AT = 0;
  private static final int IDLE_AT = 1;
  private static final int LAST_ARRIVAL = 2;

  private final long idleFlushMs;

  private transient ValueState<CallsAtAddress> held;
  private transient ValueState<long[]> timers;
  private transient LongCounter links;
  private transient LongCounter lateCalls;
  private transient LongCounter lateLinks;
  private transient LongCounter redelivered;
  private transient LongCounter idleFlushes;
  private transient LongCounter idleFlushed;
  private transient LongMaximum heldPerAddress;

  LinkAtAddress(long idleFlushMs) {
    this.idleFlushMs = idleFlushMs;
  }

  @Override
  public void open(OpenContext context) {
    held =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("held", JobTypes.CALLS_AT_ADDRESS));
    timers =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "timers", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    links = JobCounters.counter(getRuntimeContext(), CallchainMetrics.LINKS);
    lateCalls = JobCounters.counter(getRuntimeContext(), CallchainMetrics.LATE_CALLS);
    lateLinks = JobCounters.counter(getRuntimeContext(), CallchainMetrics.LATE_LINKS);
    redelivered = JobCounters.counter(getRuntimeContext(), CallchainMetrics.REDELIVERED);
    idleFlushes = JobCounters.counter(getRuntimeContext(), CallchainMetrics.IDLE_FLUSHES);
    idleFlushed = JobCounters.counter(getRuntimeContext(), CallchainMetrics.IDLE_FLUSHED_CALLS);
    heldPerAddress = JobCounters.maximum(getRuntimeContext(), CallchainMetrics.HELD_PER_ADDRESS);
  }

  @Override
  public void processElement(CallAtAddress call, Context context, Collector<PartialLinks> out)
      throws Exception {
    CallsAtAddress calls = held.value();
    long[] timer = timers.value();
    if (calls == null) {
      calls = new CallsAtAddress();
    }
    if (timer == null) {
      timer = new long[] {CallsAtAddress.NOTHING_HELD, UNSET, UNSET};
    }
    long[] found = new long[1];
    CallsAtAddress.Admission admission =
        call.isChild()
            ? calls.admitAsChild(call.record, partner -> found[0]++)
            : calls.admitAsParent(call.id, call.start, call.end, partner -> found[0]++);
    // Each record is admitted twice (once per role); count per record only once, as a child.
    switch (admission) {
      case REDELIVERED:
        if (call.isChild()) {
          redelivered.add(1);
        }
        return;
      case LATE:
        if (call.isChild()) {
          lateCalls.add(1);
        }
        lateLinks.add(found[0]);
        break;
      case NEW:
        break;
    }
    links.add(found[0]);
    heldPerAddress.add(calls.size());

    TimerService timerService = context.timerService();
    long emitAt = CallsAtAddress.emitTime(call.end);
    if (emitAt < timer[EVICT_AT]) {
      if (timer[EVICT_AT] != CallsAtAddress.NOTHING_HELD) {
        timerService.deleteEventTimeTimer(timer[EVICT_AT]);
      }
      timer[EVICT_AT] = emitAt;
      timerService.registerEventTimeTimer(emitAt);
    }
    armIdleTimer(timer, timerService);
    held.update(calls);
    timers.update(timer);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<PartialLinks> out)
      throws Exception {
    CallsAtAddress calls = held.value();
    if (calls == null) {
      return;
    }
    long[] timer = timers.value();
    if (context.timeDomain() == TimeDomain.EVENT_TIME) {
      evict(calls, timer, context.timerService(), out);
    } else {
      idle(calls, timer, context.timerService(), out);
    }
  }

  /** The watermark passed the earliest held end: emit every call that ended before it. */
  private void evict(
      CallsAtAddress calls, long[] timer, TimerService timerService, Collector<PartialLinks> out)
      throws Exception {
    long earliestEnd = calls.evictEndedBefore(timerService.currentWatermark(), out::collect);
    if (calls.isEmpty()) {
      // Nothing held, so nothing to flush; keep only how far this address has evicted, so that
      // a call arriving behind it is still recognised as late.
      if (timer[IDLE_AT] != UNSET) {
        timerService.deleteProcessingTimeTimer(timer[IDLE_AT]);
      }
      timer[IDLE_AT] = UNSET;
      timer[EVICT_AT] = CallsAtAddress.NOTHING_HELD;
    } else {
      timer[EVICT_AT] = CallsAtAddress.emitTime(earliestEnd);
      timerService.registerEventTimeTimer(timer[EVICT_AT]);
    }
    held.update(calls);
    timers.update(timer);
  }

  /** Nothing arrived for idleFlushMs: emit what is held with the links found so far, forget it. */
  private void idle(
      CallsAtAddress calls, long[] timer, TimerService timerService, Collector<PartialLinks> out)
      throws Exception {
    long now = timerService.currentProcessingTime();
    if (now - timer[LAST_ARRIVAL] < idleFlushMs) {
      // Arrivals since the timer was armed: it was armed early on purpose, re-arm for the rest.
      timer[IDLE_AT] = timer[LAST_ARRIVAL] + idleFlushMs;
      timerService.registerProcessingTimeTimer(timer[IDLE_AT]);
      timers.update(timer);
      return;
    }
    idleFlushes.add(1);
    idleFlushed.add(calls.size());
    calls.evictAll(out::collect);
    if (timer[EVICT_AT] != CallsAtAddress.NOTHING_HELD) {
      timerService.deleteEventTimeTimer(timer[EVICT_AT]);
    }
    held.clear();
    timers.clear();
  }

  /**
   * Keeps the idle timer at most idleFlushMs after the last arrival. Re-setting a timer per call
   * is costly, so it is re-armed only when its deadline has fallen a tenth of the period behind;
   * {@link #idle} re-arms it if it fires before the key has really been idle that long.
   */
  private void armIdleTimer(long[] timer, TimerService timerService) {
    long now = timerService.currentProcessingTime();
    timer[LAST_ARRIVAL] = now;
    if (timer[IDLE_AT] == UNSET || timer[IDLE_AT] < now + idleFlushMs - idleFlushMs / 10) {
      if (timer[IDLE_AT] != UNSET) {
        timerService.deleteProcessingTimeTimer(timer[IDLE_AT]);
      }
      timer[IDLE_AT] = now + idleFlushMs;
      timerService.registerProcessingTimeTimer(timer[IDLE_AT]);
    }
  }

}

package dev.callchain.pipeline.link;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.PartialLinks;
import dev.callchain.pipeline.outage.QuietClock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Links calls under one address, or one slice of its event time (the key): each call that went to
 * it is a candidate parent of each call that left it. A call's links are complete once the watermark passes its end, and it
 * is emitted then, as {@link PartialLinks} keyed by the shard of its id.
 *
 * <p>One event-time timer per key, at the earliest held end (rounded up to {@link
 * CallsAtAddress#EMIT_GRANULE_MS}, so that a busy key fires a few times per second of event time
 * rather than once per call), which emits all that the watermark has passed; and one
 * processing-time timer per key for the idle flush (SPEC §4).
 *
 * <p>Each handler first checks its firing against what the state says is pending, because a
 * cleared timer may still fire: on the FlinkRunner (Beam 2.70) {@code Timer.clear()} looks the
 * timer up under another id than {@code set} registered it with, and removes nothing.
 */
final class LinkAtAddressFn extends DoFn<KV<AddressSlice, AddressedCall>, KV<Integer, PartialLinks>> {
  private final long idleFlushMs;
  private final long boundMs;
  private final boolean scoreParents;
  /** --skewToleranceMs: near misses are scored too, so calls are held that much longer. */
  private final long skewToleranceMs;
  private final long reviseHorizonMs;
  private final AddressSlices slices;
  private final boolean restoresState;
  /** Per instance: a restored job runs new ones (see QuietClock). */
  private final QuietClock quiet;
  private transient LatenessTracker lateness;
  /**
   * This instance's mark on the keys whose held calls its {@code held} counter counts. After a
   * restore the counters start again at zero but the state comes back: a key still marked by an
   * earlier instance has its calls counted again when first touched, so held_call_roles never
   * goes below zero and climbs back to the calls really held.
   */
  private transient long instanceMark;

  private final Counter links = CallchainMetrics.counter(CallchainMetrics.LINKS);
  private final Counter lateCalls = CallchainMetrics.counter(CallchainMetrics.LATE_CALLS);
  private final Counter lateLinks = CallchainMetrics.counter(CallchainMetrics.LATE_LINKS);
  private final Counter redelivered = CallchainMetrics.counter(CallchainMetrics.REDELIVERED);
  private final Counter idleFlushes = CallchainMetrics.counter(CallchainMetrics.IDLE_FLUSHES);
  private final Counter idleFlushed = CallchainMetrics.counter(CallchainMetrics.IDLE_FLUSHED_CALLS);
  private final Counter held = CallchainMetrics.counter(CallchainMetrics.HELD);
  private final Counter revisions = CallchainMetrics.counter(CallchainMetrics.REVISED_HALVES);
  private final Distribution heldPerAddress =
      CallchainMetrics.distribution(CallchainMetrics.HELD_PER_ADDRESS);

  LinkAtAddressFn(LinkSettings settings) {
    this.idleFlushMs = settings.idleFlushMs();
    this.boundMs = settings.maxOutOfOrderMs();
    this.scoreParents = settings.bestParent();
    this.skewToleranceMs = settings.skewToleranceMs();
    this.reviseHorizonMs =
        settings.lateLinks() == LinkSettings.LateLinks.REVISE
            ? settings.reviseHorizonMs()
            : CallsAtAddress.DROP_LATE_LINKS;
    this.slices = settings.addressSlices();
    this.restoresState = settings.restoresState();
    this.quiet = settings.quietClock();
  }

  @Setup
  public void setup() {
    lateness = new LatenessTracker(boundMs);
    // Never 0, an unmarked key's. Without restores one mark serves every instance (see LinkSettings).
    instanceMark = restoresState ? ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) : 1;
  }

  @StateId("held")
  private final StateSpec<ValueState<CallsAtAddress>> heldSpec =
      StateSpecs.value(CallsAtAddressCoder.of());

  @TimerId("evict")
  private final TimerSpec evictSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  @TimerId("idle")
  private final TimerSpec idleSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  @ProcessElement
  public void processElement(
      @Element KV<AddressSlice, AddressedCall> element,
      @StateId("held") ValueState<CallsAtAddress> state,
      @TimerId("evict") Timer evictTimer,
      @TimerId("idle") Timer idleTimer,
      OutputReceiver<KV<Integer, PartialLinks>> out) {
    CallsAtAddress calls = state.read();
    if (calls == null) {
      calls = new CallsAtAddress(scoreParents, reviseHorizonMs);
      if (slices.sliced()) {
        // A slice's state is gone once the watermark passed it: what still comes is late.
        calls.evictedBefore = evictTimer.getCurrentRelativeTime().getMillis();
      }
    }
    boolean marked = countHeld(calls);
    AddressedCall call = element.getValue();
    long[] found = new long[1];
    Consumer<PartialLinks> revise =
        half -> {
          revisions.inc();
          out.output(KV.of(AssembleByIdFn.shardOf(half.id()), inPiece(element.getKey(), half)));
        };
    CallsAtAddress.Admission admission =
        call.isChild()
            ? calls.admitAsChild(call.record, partner -> found[0]++, revise)
            : calls.admitAsParent(call.id, call.start, call.end, call.startUs, partner -> found[0]++, revise);
    // Each record is admitted twice (once per role); count per record only once, as a child.
    switch (admission) {
      case REDELIVERED:
        if (call.isChild()) {
          redelivered.inc();
        }
        if (marked) {
          state.write(calls);
        }
        return;
      case LATE:
        if (call.isChild()) {
          lateCalls.inc();
          lateness.late(calls.evictedBefore - call.start, System.currentTimeMillis());
        }
        lateLinks.inc(found[0]);
        break;
      case NEW:
        break;
    }
    links.inc(found[0]);
    held.inc();
    heldPerAddress.update(calls.size());

    long emitAt = CallsAtAddress.emitTime(call.end + CallsAtAddress.holdMs(call.isChild(), skewToleranceMs));
    if (emitAt < calls.evictionTimer) {
      calls.evictionTimer = emitAt;
      evictTimer.set(new Instant(emitAt));
    }
    armIdleTimer(calls, idleTimer);
    state.write(calls);
  }

  /**
   * The watermark passed the earliest held end: emit every call that ended before the watermark,
   * not only before this timer. An event-time timer's relative time is the input watermark, so a
   * watermark that jumped far ahead (a backlog, the end of a bounded input) costs one firing per
   * key, not one per granule that holds an end.
   */
  @OnTimer("evict")
  public void onEvict(
      OnTimerContext context,
      @Key AddressSlice key,
      @StateId("held") ValueState<CallsAtAddress> state,
      @TimerId("evict") Timer evictTimer,
      @TimerId("idle") Timer idleTimer) {
    CallsAtAddress calls = state.read();
    long time = context.timestamp().getMillis();
    if (calls == null || calls.evictionTimer != time) {
      return;
    }
    countHeld(calls);
    long watermark = Math.max(time, evictTimer.getCurrentRelativeTime().getMillis());
    long earliestDue = calls.evictEndedBefore(watermark, skewToleranceMs, links -> emit(context, key, links));
    long closesAt = slices.closesAt(key.slice);
    if (calls.isEmpty() && watermark >= closesAt) {
      // A slice the watermark has passed gets nothing more on time: forget it (on a late call it
      // starts again, knowing the call is late).
      idleTimer.clear();
      evictTimer.clear();
      state.clear();
      return;
    }
    if (calls.isEmpty()) {
      // Nothing held, so nothing to flush; keep only how far this address has evicted, so that
      // a call arriving behind it is still recognised as late. A slice is forgotten once it closes.
      idleTimer.clear();
      calls.idleTimer = CallsAtAddress.UNSET;
      calls.evictionTimer = closesAt;
      if (closesAt != CallIndex.NOTHING_HELD) {
        evictTimer.set(new Instant(closesAt));
      }
    } else {
      calls.evictionTimer = CallsAtAddress.emitTime(earliestDue);
      evictTimer.set(new Instant(calls.evictionTimer));
    }
    state.write(calls);
  }

  /**
   * Nothing arrived for idleFlushMs: emit what is held with the links found so far, forget it.
   * Time the job was down or its broker away is not quiet time ({@link QuietClock}).
   */
  @OnTimer("idle")
  public void onIdle(
      OnTimerContext context,
      @Key AddressSlice key,
      @StateId("held") ValueState<CallsAtAddress> state,
      @TimerId("evict") Timer evictTimer,
      @TimerId("idle") Timer idleTimer) {
    CallsAtAddress calls = state.read();
    if (calls == null || calls.idleTimer == CallsAtAddress.UNSET) {
      return;
    }
    countHeld(calls);
    long now = idleTimer.getCurrentRelativeTime().getMillis();
    long quietSince = quiet.quietSince(calls.lastArrivalMs, now);
    if (now - quietSince < idleFlushMs) {
      // Arrivals since the timer was armed (it is armed early on purpose), or a fault: re-arm.
      calls.idleTimer = quietSince + idleFlushMs;
      idleTimer.set(new Instant(calls.idleTimer));
      state.write(calls);
      return;
    }
    idleFlushes.inc();
    idleFlushed.inc(calls.size());
    calls.evictAll(skewToleranceMs, links -> emit(context, key, links));
    evictTimer.clear();
    state.clear();
  }

  /**
   * Counts the key's held calls in this instance's {@code held} counter, once: true when it did,
   * so the caller writes the mark into the state.
   */
  private boolean countHeld(CallsAtAddress calls) {
    if (calls.countedBy == instanceMark) {
      return false;
    }
    held.inc(calls.size());
    calls.countedBy = instanceMark;
    return true;
  }

  /**
   * Emits a call stamped no earlier than its own emission time, even when a timer set for an
   * earlier call evicts it: the assembler keeps a revisable call for the horizon past that stamp.
   */
  private void emit(OnTimerContext context, AddressSlice key, PartialLinks links) {
    held.dec();
    links = inPiece(key, links);
    long at = Math.max(context.timestamp().getMillis(), CallsAtAddress.emitTime(links.end()));
    context.outputWithTimestamp(KV.of(AssembleByIdFn.shardOf(links.id()), links), new Instant(at));
  }

  /** A children half found in a slice is the piece of that slice. */
  private PartialLinks inPiece(AddressSlice key, PartialLinks links) {
    return links.hasParents() || !slices.sliced()
        ? links
        : links.asPiece(
            slices.pieceOf(links.start() - skewToleranceMs, key.slice),
            slices.pieces(links.start() - skewToleranceMs, links.end() + skewToleranceMs));
  }

  /**
   * Keeps the idle timer at most idleFlushMs after the last arrival. Re-setting a timer per call
   * is costly, so it is re-armed only when its deadline has fallen a tenth of the period behind;
   * {@link #onIdle} re-arms it if it fires before the key has really been idle that long.
   */
  private void armIdleTimer(CallsAtAddress calls, Timer idleTimer) {
    long now = idleTimer.getCurrentRelativeTime().getMillis();
    quiet.inUse(now);
    calls.lastArrivalMs = now;
    if (calls.idleTimer == CallsAtAddress.UNSET
        || calls.idleTimer < now + idleFlushMs - idleFlushMs / 10) {
      calls.idleTimer = now + idleFlushMs;
      idleTimer.set(new Instant(calls.idleTimer));
    }
  }
}

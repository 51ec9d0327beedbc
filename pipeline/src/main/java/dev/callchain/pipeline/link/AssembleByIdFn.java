package dev.callchain.pipeline.link;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a call's two halves (its parents, found under its src_ip, and its children, found under
 * its dst_ip) into the one output record. Keyed by a shard of the id space rather than by id:
 * halves wait in a map by id, so a runner that pays per key and bundle (the DirectRunner) pays
 * per shard, not per call.
 *
 * <p>Both halves of every admitted call are always emitted, so a half waits until its partner
 * comes, however long that takes in processing time: under load the two addresses of a call can
 * emit it minutes apart. A half is given up on only when the watermark proves its partner cannot
 * come ({@link CallsAtAddress#bothHalvesOutBy}); that leaves only a redelivery that one address
 * recognised and the other did not. It is resolved then and counted, so state never leaks: a
 * parents half (it has the record) is emitted as it is, rather than risk losing a record; a
 * children half alone has no record and is dropped.
 *
 * <p>Watching every waiting half in event time would fire a shard's timer at every granule the
 * watermark moves. Instead a processing-time sweep, once per --idleFlushMs, picks the halves
 * that waited through a whole period, and only for those is an event-time timer set; otherwise
 * that timer waits at the end of time, so that a bounded input resolves what is left.
 */
final class AssembleByIdFn extends DoFn<KV<Integer, PartialLinks>, LinkedCall> {
  /** Shards of the id space; enough to spread over any parallelism, few enough to batch. */
  static final int SHARDS = 256;

  private static final int SHARD_BITS = Integer.numberOfTrailingZeros(SHARDS);

  private static final Logger LOG = LoggerFactory.getLogger(AssembleByIdFn.class);
  private static final String[] NONE = new String[0];
  private static final long LAST_TIMER_MS = GlobalWindow.INSTANCE.maxTimestamp().getMillis();

  private final Duration sweepPeriod;
  /** How long an emitted call is kept for revisions, or DROP_LATE_LINKS. */
  private final long reviseHorizonMs;
  private final boolean restoresState;
  /** --skewToleranceMs, by which the linker holds calls longer: halves come that much later. */
  private final long skewToleranceMs;

  private final Counter emitted = CallchainMetrics.counter(CallchainMetrics.CALLS_EMITTED);
  private final Counter duplicates = CallchainMetrics.counter(CallchainMetrics.DUPLICATE_HALVES);
  private final Counter unpairedEmitted =
      CallchainMetrics.counter(CallchainMetrics.UNPAIRED_EMITTED);
  private final Counter unpairedDropped =
      CallchainMetrics.counter(CallchainMetrics.UNPAIRED_DROPPED);
  private final Counter waitingHalves = CallchainMetrics.counter(CallchainMetrics.WAITING_HALVES);
  private final Counter revisions = CallchainMetrics.counter(CallchainMetrics.REVISIONS);
  private final Counter keptCalls = CallchainMetrics.counter(CallchainMetrics.KEPT_FOR_REVISION);
  /**
   * The shards whose waiting and kept calls this instance's two counters count. After a restore
   * the counters start again at zero but the state comes back: a shard's restored calls are
   * counted when this instance first touches it, before any of them is counted down.
   */
  private transient boolean[] counted;

  AssembleByIdFn(LinkSettings settings) {
    this.sweepPeriod = Duration.millis(settings.idleFlushMs());
    this.restoresState = settings.restoresState();
    this.skewToleranceMs = settings.skewToleranceMs();
    this.reviseHorizonMs =
        settings.lateLinks() == LinkSettings.LateLinks.REVISE
            ? settings.reviseHorizonMs()
            : CallsAtAddress.DROP_LATE_LINKS;
  }

  @Setup
  public void setup() {
    counted = new boolean[SHARDS];
    // Without restores every shard is counted from its start (see LinkSettings).
    Arrays.fill(counted, !restoresState);
  }

  /**
   * The shard is taken from the top bits of a multiplicative hash, not from the low bits of
   * {@code hashCode()}: the runner's state map buckets ids by those low bits, and a shard whose ids
   * all shared them (the id's hash mod 256) left its map almost all in a few long buckets.
   */
  static int shardOf(String id) {
    return (id.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS);
  }

  /** Halves waiting for their partner, by call id. */
  @StateId("waiting")
  private final StateSpec<MapState<String, WaitingCall>> waitingSpec =
      StateSpecs.map(StringUtf8Coder.of(), WaitingCall.WaitingCallCoder.of());

  /** The shard's sweep count and where its two timers stand. */
  @StateId("pairing")
  private final StateSpec<ValueState<Pairing>> pairingSpec =
      StateSpecs.value(Pairing.PairingCoder.of());

  /** Processing time: picks the halves that have waited through a whole period. */
  @TimerId("sweep")
  private final TimerSpec sweepSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  /** Event time: the watermark passed the earliest picked half's due time, or the input ended. */
  @TimerId("resolve")
  private final TimerSpec resolveSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  /** Revise mode: calls emitted, kept with both halves until their horizon passes. */
  @StateId("kept")
  private final StateSpec<MapState<String, KeptCall>> keptSpec =
      StateSpecs.map(StringUtf8Coder.of(), KeptCall.KeptCallCoder.of());

  /** When the forget timer is set, if it is. */
  @StateId("forgetAt")
  private final StateSpec<ValueState<Long>> forgetAtSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId("forget")
  private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  @ProcessElement
  public void processElement(
      @Element KV<Integer, PartialLinks> element,
      @Timestamp Instant timestamp,
      @StateId("waiting") MapState<String, WaitingCall> waiting,
      @StateId("pairing") ValueState<Pairing> pairing,
      @StateId("kept") MapState<String, KeptCall> kept,
      @StateId("forgetAt") ValueState<Long> forgetAt,
      @TimerId("sweep") Timer sweep,
      @TimerId("resolve") Timer resolve,
      @TimerId("forget") Timer forget,
      OutputReceiver<LinkedCall> out) {
    PartialLinks half = element.getValue();
    countRestored(element.getKey(), waiting, kept);
    if (half.isRevision()) {
      KeptCall call = kept.get(half.id()).read();
      if (call != null) {
        KeptCall revised = call.revisedBy(half);
        kept.put(half.id(), revised);
        out.output(revised.linked());
        revisions.inc();
        return;
      }
    }
    WaitingCall call = waiting.get(half.id()).read();
    if (call == null) {
      Pairing shard = pairing.read();
      boolean changed = shard == null || !shard.sweepArmed;
      if (shard == null) {
        shard = new Pairing();
        shard.resolveAt = LAST_TIMER_MS;
        resolve.set(new Instant(LAST_TIMER_MS));
      }
      waiting.put(half.id(), new WaitingCall(half, shard.sweeps));
      waitingHalves.inc();
      if (!shard.sweepArmed) {
        shard.sweepArmed = true;
        armSweep(sweep);
      }
      // Most halves find the shard as it was: no state write for them.
      if (changed) {
        pairing.write(shard);
      }
      return;
    }
    if (!call.add(half)) {
      duplicates.inc();
    } else if (!call.complete()) {
      waiting.put(half.id(), call);
    } else {
      KeptCall done = new KeptCall(call.parents, call.children, 0, forgetTime(timestamp.getMillis()));
      out.output(done.linked());
      emitted.inc();
      if (reviseHorizonMs != CallsAtAddress.DROP_LATE_LINKS) {
        kept.put(half.id(), done);
        keptCalls.inc();
        Long armed = forgetAt.read();
        if (armed == null || done.forgetAt < armed) {
          forgetAt.write(done.forgetAt);
          forget.set(new Instant(done.forgetAt));
        }
      }
      waitingHalves.dec();
      waiting.remove(half.id());
    }
  }

  /**
   * Picks the halves that began to wait before the previous sweep, and has the resolve timer fire
   * when the watermark passes the earliest one's due time. Emits nothing, so the sweep timer holds
   * no watermark.
   */
  @OnTimer("sweep")
  public void onSweep(
      @StateId("waiting") MapState<String, WaitingCall> waiting,
      @StateId("pairing") ValueState<Pairing> pairing,
      @TimerId("sweep") Timer sweep,
      @TimerId("resolve") Timer resolve) {
    Pairing shard = pairing.read();
    if (shard == null) {
      return;
    }
    boolean left = false;
    long firstDue = LAST_TIMER_MS;
    for (WaitingCall waited : waiting.values().read()) {
      left = true;
      if (waited.sweep < shard.sweeps) {
        firstDue = Math.min(firstDue, waited.due(skewToleranceMs));
      }
    }
    shard.sweeps++;
    if (firstDue < shard.resolveAt) {
      shard.resolveAt = firstDue;
      resolve.set(new Instant(firstDue));
    }
    shard.sweepArmed = left;
    if (left) {
      armSweep(sweep);
    }
    pairing.write(shard);
  }

  /** The watermark passed {@code resolveAt}: every half due by then has no partner to come. */
  @OnTimer("resolve")
  public void onResolve(
      OnTimerContext context,
      @Key Integer key,
      @StateId("kept") MapState<String, KeptCall> kept,
      @StateId("waiting") MapState<String, WaitingCall> waiting,
      @StateId("pairing") ValueState<Pairing> pairing,
      @TimerId("sweep") Timer sweep,
      @TimerId("resolve") Timer resolve,
      OutputReceiver<LinkedCall> out) {
    Pairing shard = pairing.read();
    long now = context.fireTimestamp().getMillis();
    // A timer set again may still fire at its old time (see LinkAtAddressFn): only the last counts.
    if (shard == null || now != shard.resolveAt) {
      return;
    }
    countRestored(key, waiting, kept);
    for (Map.Entry<String, WaitingCall> entry : waiting.entries().read()) {
      if (entry.getValue().due(skewToleranceMs) <= now) {
        resolveUnpaired(entry.getValue(), out);
        waiting.remove(entry.getKey());
      }
    }
    if (now < LAST_TIMER_MS) {
      // Halves picked later, or due later, are picked again by the next sweep.
      shard.resolveAt = LAST_TIMER_MS;
      resolve.set(new Instant(LAST_TIMER_MS));
      pairing.write(shard);
    } else {
      // The input has ended and nothing waits: a pending sweep would only hold the runner.
      sweep.clear();
      pairing.clear();
    }
  }

  /** The horizon has passed for some kept calls: forget them, and wait for the next. */
  @OnTimer("forget")
  public void onForget(
      OnTimerContext context,
      @Key Integer key,
      @StateId("waiting") MapState<String, WaitingCall> waiting,
      @StateId("kept") MapState<String, KeptCall> kept,
      @StateId("forgetAt") ValueState<Long> forgetAt,
      @TimerId("forget") Timer forget) {
    countRestored(key, waiting, kept);
    long now = context.timestamp().getMillis();
    long next = Long.MAX_VALUE;
    for (Map.Entry<String, KeptCall> entry : kept.entries().read()) {
      if (entry.getValue().forgetAt <= now) {
        kept.remove(entry.getKey());
        keptCalls.dec();
      } else {
        next = Math.min(next, entry.getValue().forgetAt);
      }
    }
    if (next == Long.MAX_VALUE) {
      forgetAt.clear();
    } else {
      forgetAt.write(next);
      forget.set(new Instant(next));
    }
  }

  /** Counts a shard's waiting and kept calls in this instance's counters, once. */
  private void countRestored(
      int shard, MapState<String, WaitingCall> waiting, MapState<String, KeptCall> kept) {
    if (counted[shard]) {
      return;
    }
    counted[shard] = true;
    waiting.keys().read().forEach(id -> waitingHalves.inc());
    kept.keys().read().forEach(id -> keptCalls.inc());
  }

  /**
   * When a call emitted at {@code emittedAt} can be forgotten: the linker keeps it for the horizon
   * past its end (which is before emittedAt), so no revision can come after this. Rounded up to a
   * tenth of the horizon (at least a second), so a shard's timer fires a few times per horizon.
   */
  private long forgetTime(long emittedAt) {
    long granule = Math.max(1000, reviseHorizonMs / 10);
    long at = emittedAt + Math.max(reviseHorizonMs, 0) + 2 * CallsAtAddress.EMIT_GRANULE_MS;
    return Math.min(Math.floorDiv(at, granule) * granule + granule, LAST_TIMER_MS);
  }

  /** The sweep emits nothing: its output timestamp is the end of time, so it holds no watermark. */
  private void armSweep(Timer sweep) {
    sweep.withOutputTimestamp(new Instant(LAST_TIMER_MS)).offset(sweepPeriod).setRelative();
  }

  private void resolveUnpaired(WaitingCall call, OutputReceiver<LinkedCall> out) {
    if (call.parents != null) {
      LOG.warn("Call {} got no children half, or not all its pieces; emitting it with the children"
          + " it has", call.parents.id());
      String[] children = call.children == null ? NONE : call.children.ids();
      out.output(new LinkedCall(call.parents.call(), call.parents.ids(), children, call.parents.scores(), 0));
      unpairedEmitted.inc();
    } else {
      LOG.warn("Dropping a children half of call {} that has no record: a redelivery", call.children.id());
      unpairedDropped.inc();
    }
    waitingHalves.dec();
  }

  /** An emitted call's two halves, its revision, and when it can be forgotten. */
  static final class KeptCall {
    final PartialLinks parents;
    final PartialLinks children;
    final int revision;
    final long forgetAt;

    KeptCall(PartialLinks parents, PartialLinks children, int revision, long forgetAt) {
      this.parents = parents;
      this.children = children;
      this.revision = revision;
      this.forgetAt = forgetAt;
    }

    KeptCall revisedBy(PartialLinks half) {
      return half.hasParents()
          ? new KeptCall(half, children, revision + 1, forgetAt)
          : new KeptCall(parents, WaitingCall.revisedChildren(children, half), revision + 1, forgetAt);
    }

    LinkedCall linked() {
      return new LinkedCall(parents.call(), parents.ids(), children.ids(), parents.scores(), revision);
    }

    static final class KeptCallCoder extends AtomicCoder<KeptCall> {
      private static final long serialVersionUID = 1L;
      private static final KeptCallCoder INSTANCE = new KeptCallCoder();

      static KeptCallCoder of() {
        return INSTANCE;
      }

      @Override
      public void encode(KeptCall call, OutputStream out) throws IOException {
        PartialLinks.PartialLinksCoder.of().encode(call.parents, out);
        PartialLinks.PartialLinksCoder.of().encode(call.children, out);
        VarIntCoder.of().encode(call.revision, out);
        VarLongCoder.of().encode(call.forgetAt, out);
      }

      @Override
      public KeptCall decode(InputStream in) throws IOException {
        PartialLinks parents = PartialLinks.PartialLinksCoder.of().decode(in);
        PartialLinks children = PartialLinks.PartialLinksCoder.of().decode(in);
        return new KeptCall(parents, children, VarIntCoder.of().decode(in), VarLongCoder.of().decode(in));
      }
    }
  }

  /** A shard's sweeps so far, whether the sweep timer is set, and when the resolve timer is. */
  static final class Pairing {
    long sweeps;
    boolean sweepArmed;
    long resolveAt;

    static final class PairingCoder extends AtomicCoder<Pairing> {
      private static final long serialVersionUID = 1L;
      private static final PairingCoder INSTANCE = new PairingCoder();

      static PairingCoder of() {
        return INSTANCE;
      }

      @Override
      public void encode(Pairing pairing, OutputStream out) throws IOException {
        VarLongCoder.of().encode(pairing.sweeps, out);
        BooleanCoder.of().encode(pairing.sweepArmed, out);
        VarLongCoder.of().encode(pairing.resolveAt, out);
      }

      @Override
      public Pairing decode(InputStream in) throws IOException {
        Pairing pairing = new Pairing();
        pairing.sweeps = VarLongCoder.of().decode(in);
        pairing.sweepArmed = BooleanCoder.of().decode(in);
        pairing.resolveAt = VarLongCoder.of().decode(in);
        return pairing;
      }
    }
  }

  /**
   * A call's halves come so far, and the sweep during which the first began to wait. The children
   * half may come in pieces (a sliced address, see {@link AddressSlices}): they are merged as they
   * come, and the call is complete with its parents half and every piece.
   */
  static final class WaitingCall {
    @Nullable PartialLinks parents;
    @Nullable PartialLinks children;
    /** Which pieces of the children half came, when it comes in more than one. */
    @Nullable BitSet pieces;
    final long sweep;

    WaitingCall(PartialLinks half, long sweep) {
      this(null, null, null, sweep);
      add(half);
    }

    private WaitingCall(
        @Nullable PartialLinks parents, @Nullable PartialLinks children, @Nullable BitSet pieces, long sweep) {
      this.parents = parents;
      this.children = children;
      this.pieces = pieces;
      this.sweep = sweep;
    }

    /**
     * Takes a half in, or a revision of one (it replaces what it revises).
     *
     * @return false for a duplicate: a half or piece that came already, not as a revision
     */
    boolean add(PartialLinks half) {
      if (half.hasParents()) {
        if (parents != null && !half.isRevision()) {
          return false;
        }
        parents = half;
        return true;
      }
      if (half.pieces() == 1) {
        if (children != null && !half.isRevision()) {
          return false;
        }
        children = half;
        return true;
      }
      if (pieces == null) {
        pieces = new BitSet(half.pieces());
      } else if (pieces.get(half.piece()) && !half.isRevision()) {
        return false;
      }
      pieces.set(half.piece());
      children = children == null ? half : children.withChildrenOf(half);
      return true;
    }

    boolean complete() {
      return parents != null
          && children != null
          && (children.pieces() == 1 || pieces.cardinality() == children.pieces());
    }

    /** Past this event time no half or piece of it can come. */
    long due(long skewToleranceMs) {
      PartialLinks any = parents != null ? parents : children;
      return Math.min(CallsAtAddress.bothHalvesOutBy(any.end(), skewToleranceMs), LAST_TIMER_MS);
    }

    /** An emitted call's children after a revised piece: a whole half replaces, a piece adds. */
    static PartialLinks revisedChildren(PartialLinks children, PartialLinks revised) {
      return revised.pieces() == 1 ? revised : children.withChildrenOf(revised);
    }

    static final class WaitingCallCoder extends AtomicCoder<WaitingCall> {
      private static final long serialVersionUID = 1L;
      private static final WaitingCallCoder INSTANCE = new WaitingCallCoder();
      private static final Coder<PartialLinks> HALF = NullableCoder.of(PartialLinks.PartialLinksCoder.of());

      static WaitingCallCoder of() {
        return INSTANCE;
      }

      @Override
      public void encode(WaitingCall waiting, OutputStream out) throws IOException {
        HALF.encode(waiting.parents, out);
        HALF.encode(waiting.children, out);
        long[] words = waiting.pieces == null ? new long[0] : waiting.pieces.toLongArray();
        VarIntCoder.of().encode(words.length, out);
        for (long word : words) {
          VarLongCoder.of().encode(word, out);
        }
        VarLongCoder.of().encode(waiting.sweep, out);
      }

      @Override
      public WaitingCall decode(InputStream in) throws IOException {
        PartialLinks parents = HALF.decode(in);
        PartialLinks children = HALF.decode(in);
        long[] words = new long[VarIntCoder.of().decode(in)];
        for (int i = 0; i < words.length; i++) {
          words[i] = VarLongCoder.of().decode(in);
        }
        BitSet pieces = children == null || children.pieces() == 1 ? null : BitSet.valueOf(words);
        return new WaitingCall(parents, children, pieces, VarLongCoder.of().decode(in));
      }
    }
  }
}

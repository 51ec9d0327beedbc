package dev.callchain.pipeline.link;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
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
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a call's two halves (its parents, found under its src_ip, and its children, found under
 * its dst_ip) into the one output record. Keyed by a shard of the id space rather than by id:
 * halves wait in a map by id, so a runner that pays per key and bundle (the DirectRunner) pays
 * per shard, not per call.
 *
 * <p>Both halves of every admitted call are always emitted, so a half waits only until its
 * partner comes. A half still unpaired after one to two pairing timeouts of processing time can
 * only be left over from a redelivery that one address recognised and the other did not; it is
 * resolved then and counted, so state never leaks: a parents half (it has the record) is emitted
 * as it is, rather than risk losing a record; a children half alone has no record and is dropped.
 */
final class AssembleByIdFn extends DoFn<KV<Integer, PartialLinks>, LinkedCall> {
  /** Shards of the id space; enough to spread over any parallelism, few enough to batch. */
  static final int SHARDS = 256;

  private static final Logger LOG = LoggerFactory.getLogger(AssembleByIdFn.class);
  private static final String[] NONE = new String[0];

  private final Duration pairingTimeout;

  private final Counter emitted = CallchainMetrics.counter(CallchainMetrics.CALLS_EMITTED);
  private final Counter duplicates = CallchainMetrics.counter(CallchainMetrics.DUPLICATE_HALVES);
  private final Counter unpairedEmitted =
      CallchainMetrics.counter(CallchainMetrics.UNPAIRED_EMITTED);
  private final Counter unpairedDropped =
      CallchainMetrics.counter(CallchainMetrics.UNPAIRED_DROPPED);
  private final Counter waitingHalves = CallchainMetrics.counter(CallchainMetrics.WAITING_HALVES);

  AssembleByIdFn(long pairingTimeoutMs) {
    this.pairingTimeout = Duration.millis(pairingTimeoutMs);
  }

  static int shardOf(String id) {
    return Math.floorMod(id.hashCode(), SHARDS);
  }

  /** Halves waiting for their partner, by call id. */
  @StateId("waiting")
  private final StateSpec<MapState<String, WaitingHalf>> waitingSpec =
      StateSpecs.map(StringUtf8Coder.of(), WaitingHalf.WaitingHalfCoder.of());

  /** How many halves wait, so that the sweep stops when none does. */
  @StateId("count")
  private final StateSpec<ValueState<Integer>> countSpec = StateSpecs.value(VarIntCoder.of());

  /** Sweeps so far: a half that has waited through a whole sweep period is unpaired. */
  @StateId("sweeps")
  private final StateSpec<ValueState<Long>> sweepsSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId("sweep")
  private final TimerSpec sweepSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  @ProcessElement
  public void processElement(
      @Element KV<Integer, PartialLinks> element,
      @StateId("waiting") MapState<String, WaitingHalf> waiting,
      @StateId("count") ValueState<Integer> count,
      @StateId("sweeps") ValueState<Long> sweeps,
      @TimerId("sweep") Timer sweep,
      OutputReceiver<LinkedCall> out) {
    PartialLinks half = element.getValue();
    WaitingHalf partner = waiting.get(half.id()).read();
    Integer counted = count.read();
    int waitingNow = counted == null ? 0 : counted;
    if (partner == null) {
      Long sweptSoFar = sweeps.read();
      long startSweep = sweptSoFar == null ? 0 : sweptSoFar;
      waiting.put(half.id(), new WaitingHalf(half, startSweep));
      waitingHalves.inc();
      count.write(waitingNow + 1);
      if (waitingNow == 0) {
        sweep.offset(pairingTimeout).setRelative();
      }
    } else if (partner.half.hasParents() == half.hasParents()) {
      duplicates.inc();
    } else {
      PartialLinks parents = half.hasParents() ? half : partner.half;
      PartialLinks children = half.hasParents() ? partner.half : half;
      out.output(
          new LinkedCall(parents.call(), parents.ids(), children.ids(), parents.scores(), 0));
      emitted.inc();
      waitingHalves.dec();
      waiting.remove(half.id());
      count.write(waitingNow - 1);
      if (waitingNow == 1) {
        sweep.clear();
      }
    }
  }

  @OnTimer("sweep")
  public void onSweep(
      @StateId("waiting") MapState<String, WaitingHalf> waiting,
      @StateId("count") ValueState<Integer> count,
      @StateId("sweeps") ValueState<Long> sweeps,
      @TimerId("sweep") Timer sweep,
      OutputReceiver<LinkedCall> out) {
    Long sweptSoFar = sweeps.read();
    long current = sweptSoFar == null ? 0 : sweptSoFar;
    int left = 0;
    for (Map.Entry<String, WaitingHalf> entry : waiting.entries().read()) {
      if (entry.getValue().sweep < current) {
        resolveUnpaired(entry.getValue().half, out);
        waiting.remove(entry.getKey());
      } else {
        left++;
      }
    }
    sweeps.write(current + 1);
    count.write(left);
    if (left > 0) {
      sweep.offset(pairingTimeout).setRelative();
    }
  }

  private void resolveUnpaired(PartialLinks half, OutputReceiver<LinkedCall> out) {
    if (half.hasParents()) {
      LOG.warn("Call {} got no children half; emitting it with its parents only", half.id());
      out.output(new LinkedCall(half.call(), half.ids(), NONE, half.scores(), 0));
      unpairedEmitted.inc();
    } else {
      LOG.warn("Dropping a children half of call {} that has no record: a redelivery", half.id());
      unpairedDropped.inc();
    }
    waitingHalves.dec();
  }

  /** A half and the sweep during which it began to wait. */
  static final class WaitingHalf {
    final PartialLinks half;
    final long sweep;

    WaitingHalf(PartialLinks half, long sweep) {
      this.half = half;
      this.sweep = sweep;
    }

    static final class WaitingHalfCoder extends AtomicCoder<WaitingHalf> {
      private static final WaitingHalfCoder INSTANCE = new WaitingHalfCoder();

      static WaitingHalfCoder of() {
        return INSTANCE;
      }

      @Override
      public void encode(WaitingHalf waiting, OutputStream out) throws IOException {
        PartialLinks.PartialLinksCoder.of().encode(waiting.half, out);
        VarLongCoder.of().encode(waiting.sweep, out);
      }

      @Override
      public WaitingHalf decode(InputStream in) throws IOException {
        PartialLinks half = PartialLinks.PartialLinksCoder.of().decode(in);
        return new WaitingHalf(half, VarLongCoder.of().decode(in));
      }
    }
  }
}

package dev.callchain.pipeline.link;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import org.apache.beam.sdk.metrics.Counter;
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
 * its dst_ip) into the one output record, keyed by call id.
 *
 * <p>Both halves of every admitted call are always emitted, so a half waits only until its
 * partner comes. A half still unpaired after idleFlushMs of processing time can only be left over
 * from a redelivery that one address recognised and the other did not; it is resolved then and
 * counted, so state never leaks: a parents half (it has the record) is emitted as it is, rather
 * than risk losing a record; a children half alone has no record to emit and is dropped.
 */
final class AssembleByIdFn extends DoFn<KV<String, PartialLinks>, LinkedCall> {
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

  @StateId("half")
  private final StateSpec<ValueState<PartialLinks>> halfSpec =
      StateSpecs.value(PartialLinks.PartialLinksCoder.of());

  @TimerId("unpaired")
  private final TimerSpec unpairedSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  @ProcessElement
  public void processElement(
      @Element KV<String, PartialLinks> element,
      @StateId("half") ValueState<PartialLinks> state,
      @TimerId("unpaired") Timer unpaired,
      OutputReceiver<LinkedCall> out) {
    PartialLinks half = element.getValue();
    PartialLinks waiting = state.read();
    if (waiting == null) {
      state.write(half);
      waitingHalves.inc();
      unpaired.offset(pairingTimeout).setRelative();
    } else if (waiting.hasParents() == half.hasParents()) {
      duplicates.inc();
    } else {
      PartialLinks parents = half.hasParents() ? half : waiting;
      PartialLinks children = half.hasParents() ? waiting : half;
      out.output(new LinkedCall(parents.call(), parents.ids(), children.ids()));
      emitted.inc();
      waitingHalves.dec();
      unpaired.clear();
      state.clear();
    }
  }

  @OnTimer("unpaired")
  public void onUnpaired(
      @StateId("half") ValueState<PartialLinks> state, OutputReceiver<LinkedCall> out) {
    PartialLinks waiting = state.read();
    if (waiting == null) {
      return;
    }
    if (waiting.hasParents()) {
      LOG.warn("Call {} got no children half; emitting it with its parents only", waiting.id());
      out.output(new LinkedCall(waiting.call(), waiting.ids(), NONE));
      unpairedEmitted.inc();
    } else {
      LOG.warn("Dropping a children half of call {} that has no record: a redelivery", waiting.id());
      unpairedDropped.inc();
    }
    waitingHalves.dec();
    state.clear();
  }
}

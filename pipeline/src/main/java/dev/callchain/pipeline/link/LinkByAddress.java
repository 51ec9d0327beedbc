package dev.callchain.pipeline.link;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Links every call to its parents and children (SPEC §2) and emits each call once with all of
 * them: each call goes to its two addresses, is linked there, and its two halves are joined by id.
 * Where addresses are cut into time slices, a call goes to the slices of its addresses instead
 * ({@link AddressSlices}).
 */
public final class LinkByAddress extends PTransform<PCollection<CallRecord>, PCollection<LinkedCall>> {
  private final LinkSettings settings;

  public LinkByAddress(LinkSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollection<LinkedCall> expand(PCollection<CallRecord> calls) {
    return calls
        .apply(
            "SendToBothAddresses",
            ParDo.of(new SendToBothAddressesFn(settings.addressSlices(), settings.skewToleranceMs())))
        .setCoder(KvCoder.of(AddressSlice.AddressSliceCoder.of(), AddressedCall.AddressedCallCoder.of()))
        .apply("LinkAtAddress", ParDo.of(linkAtAddress()))
        .apply("AssembleById", ParDo.of(new AssembleByIdFn(settings)));
  }

  private DoFn<KV<AddressSlice, AddressedCall>, KV<Integer, PartialLinks>> linkAtAddress() {
    return settings.linker() == LinkSettings.Linker.SCAN
        ? new ScanLinkAtAddressFn()
        : new LinkAtAddressFn(settings);
  }

  /**
   * A call is a candidate parent at its dst_ip (in every slice its interval overlaps, widened by
   * the skew tolerance for the children it may nearly contain) and a candidate child at its src_ip
   * (in the slice of its start).
   */
  static final class SendToBothAddressesFn extends DoFn<CallRecord, KV<AddressSlice, AddressedCall>> {
    private final AddressSlices slices;
    private final long skewToleranceMs;

    SendToBothAddressesFn(AddressSlices slices, long skewToleranceMs) {
      this.slices = slices;
      this.skewToleranceMs = skewToleranceMs;
    }

    @ProcessElement
    public void processElement(
        @Element CallRecord call, OutputReceiver<KV<AddressSlice, AddressedCall>> out) {
      AddressedCall asParent = AddressedCall.asParent(call);
      long last = slices.sliceOf(call.endAtMs() + skewToleranceMs);
      for (long slice = slices.sliceOf(call.startAtMs() - skewToleranceMs); slice <= last; slice++) {
        out.output(KV.of(new AddressSlice(call.dstIp(), slice), asParent));
      }
      out.output(KV.of(new AddressSlice(call.srcIp(), slices.sliceOf(call.startAtMs())), AddressedCall.asChild(call)));
    }
  }
}

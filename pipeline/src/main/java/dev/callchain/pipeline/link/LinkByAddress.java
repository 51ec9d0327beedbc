package dev.callchain.pipeline.link;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Links every call to its parents and children (SPEC §2) and emits each call once with all of
 * them: each call goes to its two addresses, is linked there, and its two halves are joined by id.
 */
public final class LinkByAddress extends PTransform<PCollection<CallRecord>, PCollection<LinkedCall>> {
  private final LinkSettings settings;

  public LinkByAddress(LinkSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollection<LinkedCall> expand(PCollection<CallRecord> calls) {
    return calls
        .apply("SendToBothAddresses", ParDo.of(new SendToBothAddressesFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), AddressedCall.AddressedCallCoder.of()))
        .apply("LinkAtAddress", ParDo.of(linkAtAddress()))
        .apply("AssembleById", ParDo.of(new AssembleByIdFn(settings)));
  }

  private DoFn<KV<String, AddressedCall>, KV<Integer, PartialLinks>> linkAtAddress() {
    return settings.linker() == LinkSettings.Linker.SCAN
        ? new ScanLinkAtAddressFn()
        : new LinkAtAddressFn(settings);
  }

  /** A call is a candidate parent at its dst_ip and a candidate child at its src_ip. */
  static final class SendToBothAddressesFn extends DoFn<CallRecord, KV<String, AddressedCall>> {
    @ProcessElement
    public void processElement(@Element CallRecord call, OutputReceiver<KV<String, AddressedCall>> out) {
      out.output(KV.of(call.dstIp(), AddressedCall.asParent(call)));
      out.output(KV.of(call.srcIp(), AddressedCall.asChild(call)));
    }
  }
}

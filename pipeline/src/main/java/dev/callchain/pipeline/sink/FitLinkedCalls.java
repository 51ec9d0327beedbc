package dev.callchain.pipeline.sink;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.io.OutputJson;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.model.Rejection;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Formats linked calls as the JSON their sink takes, keyed by id (SPEC §3), and moves a call whose
 * JSON is over the sink's record limit (thousands of links, large extra fields) to the dead
 * letters, whole there but cut to fit, rather than have the sink refuse it and stop the job.
 */
public final class FitLinkedCalls extends PTransform<PCollection<LinkedCall>, PCollectionTuple> {
  /** The linked calls that fit, as keyed JSON. */
  public static final TupleTag<KV<String, byte[]>> FITTING = new TupleTag<>() {};
  /** The linked calls that do not, as dead letters ({@link Rejection#OUTPUT_TOO_LARGE}). */
  public static final TupleTag<DeadLetter> TOO_LARGE = new TupleTag<>() {};

  private final int maxRecordBytes;

  public FitLinkedCalls(int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public PCollectionTuple expand(PCollection<LinkedCall> linked) {
    PCollectionTuple fitted =
        linked.apply(
            "ToJson", ParDo.of(new FitFn(maxRecordBytes)).withOutputTags(FITTING, TupleTagList.of(TOO_LARGE)));
    fitted.get(FITTING).setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
    fitted.get(TOO_LARGE).setCoder(DeadLetter.DeadLetterCoder.of());
    return fitted;
  }

  static final class FitFn extends DoFn<LinkedCall, KV<String, byte[]>> {
    private final int maxRecordBytes;
    private final Counter tooLarge = CallchainMetrics.counter(Rejection.OUTPUT_TOO_LARGE.counterName());

    FitFn(int maxRecordBytes) {
      this.maxRecordBytes = maxRecordBytes;
    }

    @ProcessElement
    public void processElement(@Element LinkedCall linked, MultiOutputReceiver out) {
      byte[] json = OutputJson.linkedCall(linked);
      CallRecord call = linked.call();
      if (json.length <= maxRecordBytes) {
        out.get(FITTING).output(KV.of(call.id(), json));
        return;
      }
      tooLarge.inc();
      String detail =
          String.format(
              "the linked call is %,d bytes of JSON, over --maxRecordBytes=%d (%,d parents, %,d"
                  + " children, %,d bytes of extra fields)",
              json.length,
              maxRecordBytes,
              linked.parents().length,
              linked.children().length,
              call.extraFields().length);
      out.get(TOO_LARGE)
          .output(new DeadLetter(json, Rejection.OUTPUT_TOO_LARGE, detail, Origin.linkedCall(call.id())));
    }
  }
}

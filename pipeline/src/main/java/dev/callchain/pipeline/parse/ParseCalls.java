package dev.callchain.pipeline.parse;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.Rejection;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Parses and validates raw call logs (SPEC §1) and stamps each accepted call with its event time,
 * {@code start_at_ms}. Rejected logs go to {@link #DEAD_LETTERS} with their reason and origin.
 */
public final class ParseCalls extends PTransform<PCollection<CallLog>, PCollectionTuple> {
  public static final TupleTag<CallRecord> CALLS = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  @Override
  public PCollectionTuple expand(PCollection<CallLog> logs) {
    return logs.apply(
        "ParseAndValidate",
        ParDo.of(new ParseFn()).withOutputTags(CALLS, TupleTagList.of(DEAD_LETTERS)));
  }

  static final class ParseFn extends DoFn<CallLog, CallRecord> {
    private final CallLogParser parser = new CallLogParser();
    private final Counter read = CallchainMetrics.counter(CallchainMetrics.CALLS_READ);
    private final Counter accepted = CallchainMetrics.counter(CallchainMetrics.CALLS_ACCEPTED);
    private final Counter rejected = CallchainMetrics.counter(CallchainMetrics.CALLS_REJECTED);
    private final Map<Rejection, Counter> rejectedByReason = new EnumMap<>(Rejection.class);

    ParseFn() {
      for (Rejection reason : Rejection.values()) {
        if (reason.ofInput()) {
          rejectedByReason.put(reason, CallchainMetrics.counter(reason.counterName()));
        }
      }
    }

    @ProcessElement
    public void processElement(@Element CallLog log, MultiOutputReceiver out) {
      read.inc();
      ParseResult result = log.parse(parser);
      if (result.isAccepted()) {
        CallRecord call = result.call();
        accepted.inc();
        out.get(CALLS).outputWithTimestamp(call, new Instant(call.startAtMs()));
      } else {
        rejected.inc();
        rejectedByReason.get(result.rejection()).inc();
        out.get(DEAD_LETTERS)
            .output(new DeadLetter(log.value(), result.rejection(), result.detail(), log.origin()));
      }
    }
  }
}

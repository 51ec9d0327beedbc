package dev.callchain.nativeflink;

import dev.callchain.pipeline.link.CallsAtAddress;
import dev.callchain.pipeline.link.CallsAtAddressCoder;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.CallRecordCoder;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;

/** The Flink types of the job's records and state: each in its Beam coder's binary form. */
final class JobTypes {
  static final TypeInformation<CallRecord> CALL =
      CoderTypeInfo.of(CallRecord.class, CallRecordCoder.of());
  static final TypeInformation<DeadLetter> DEAD_LETTER =
      CoderTypeInfo.of(DeadLetter.class, DeadLetter.DeadLetterCoder.of());
  /** A parsed log: an accepted call (left) or a rejected one (right). */
  static final TypeInformation<Either<CallRecord, DeadLetter>> PARSED =
      new EitherTypeInfo<>(CALL, DEAD_LETTER);
  static final TypeInformation<CallAtAddress> CALL_AT_ADDRESS =
      CoderTypeInfo.of(CallAtAddress.class, CallAtAddress.Coder.of());
  static final TypeInformation<CallsAtAddress> CALLS_AT_ADDRESS =
      CoderTypeInfo.of(CallsAtAddress.class, CallsAtAddressCoder.of());
  static final TypeInformation<PartialLinks> PARTIAL_LINKS =
      CoderTypeInfo.of(PartialLinks.class, PartialLinks.PartialLinksCoder.of());
  static final TypeInformation<LinkedCall> LINKED_CALL =
      CoderTypeInfo.of(LinkedCall.class, LinkedCall.LinkedCallCoder.of());

  private JobTypes() {}
}

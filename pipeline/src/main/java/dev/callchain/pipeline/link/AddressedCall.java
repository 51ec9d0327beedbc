package dev.callchain.pipeline.link;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.CallRecordCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A call on its way to one of its two addresses: as a parent to its {@code dst_ip} (id and times
 * suffice there) or as a child to its {@code src_ip} (with the full record, which travels on to
 * the output from there). So each record crosses the shuffle in full only once.
 */
final class AddressedCall {
  final String id;
  final long start;
  final long end;
  /** Present exactly when the call arrives as a child. */
  final @Nullable CallRecord record;

  private AddressedCall(String id, long start, long end, @Nullable CallRecord record) {
    this.id = id;
    this.start = start;
    this.end = end;
    this.record = record;
  }

  static AddressedCall asParent(CallRecord call) {
    return new AddressedCall(call.id(), call.startAtMs(), call.endAtMs(), null);
  }

  static AddressedCall asChild(CallRecord call) {
    return new AddressedCall(call.id(), call.startAtMs(), call.endAtMs(), call);
  }

  boolean isChild() {
    return record != null;
  }

  /** Binary form of an {@link AddressedCall}. */
  static final class AddressedCallCoder extends AtomicCoder<AddressedCall> {
    private static final AddressedCallCoder INSTANCE = new AddressedCallCoder();

    static AddressedCallCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(AddressedCall call, OutputStream out) throws IOException {
      BooleanCoder.of().encode(call.isChild(), out);
      if (call.record != null) {
        CallRecordCoder.of().encode(call.record, out);
      } else {
        StringUtf8Coder.of().encode(call.id, out);
        VarLongCoder.of().encode(call.start, out);
        VarLongCoder.of().encode(call.end - call.start, out);
      }
    }

    @Override
    public AddressedCall decode(InputStream in) throws IOException {
      if (BooleanCoder.of().decode(in)) {
        return asChild(CallRecordCoder.of().decode(in));
      }
      String id = StringUtf8Coder.of().decode(in);
      long start = VarLongCoder.of().decode(in);
      return new AddressedCall(id, start, start + VarLongCoder.of().decode(in), null);
    }
  }
}

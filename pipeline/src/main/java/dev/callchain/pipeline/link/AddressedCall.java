package dev.callchain.pipeline.link;

import dev.callchain.pipeline.model.CallMicros;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.CallRecordCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
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
  /** The start in epoch µs (CallMicros): a parent's first child is scored by its gap to it. */
  final long startUs;
  /** Present exactly when the call arrives as a child. */
  final @Nullable CallRecord record;

  private AddressedCall(String id, long start, long end, long startUs, @Nullable CallRecord record) {
    this.id = id;
    this.start = start;
    this.end = end;
    this.startUs = startUs;
    this.record = record;
  }

  static AddressedCall asParent(CallRecord call) {
    return new AddressedCall(call.id(), call.startAtMs(), call.endAtMs(), CallMicros.start(call), null);
  }

  static AddressedCall asChild(CallRecord call) {
    return new AddressedCall(call.id(), call.startAtMs(), call.endAtMs(), call.startAtMs() * 1000, call);
  }

  boolean isChild() {
    return record != null;
  }

  /**
   * Binary form of an {@link AddressedCall}: a role byte, then the child's record or the parent's
   * id and times. A parent's µs within its start ms came later, with a role byte of its own, so
   * that calls encoded before still decode (their start is the ms one).
   */
  static final class AddressedCallCoder extends AtomicCoder<AddressedCall> {
    private static final int PARENT = 0;
    private static final int CHILD = 1;
    private static final int PARENT_WITH_MICROS = 2;
    private static final AddressedCallCoder INSTANCE = new AddressedCallCoder();

    static AddressedCallCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(AddressedCall call, OutputStream out) throws IOException {
      if (call.record != null) {
        out.write(CHILD);
        CallRecordCoder.of().encode(call.record, out);
      } else {
        out.write(PARENT_WITH_MICROS);
        StringUtf8Coder.of().encode(call.id, out);
        VarLongCoder.of().encode(call.start, out);
        VarLongCoder.of().encode(call.end - call.start, out);
        VarLongCoder.of().encode(call.startUs - call.start * 1000, out);
      }
    }

    @Override
    public AddressedCall decode(InputStream in) throws IOException {
      int role = in.read();
      if (role == CHILD) {
        return asChild(CallRecordCoder.of().decode(in));
      }
      if (role != PARENT && role != PARENT_WITH_MICROS) {
        throw new CoderException("not an addressed call: role " + role);
      }
      String id = StringUtf8Coder.of().decode(in);
      long start = VarLongCoder.of().decode(in);
      long end = start + VarLongCoder.of().decode(in);
      long startUs = start * 1000 + (role == PARENT_WITH_MICROS ? VarLongCoder.of().decode(in) : 0);
      return new AddressedCall(id, start, end, startUs, null);
    }
  }
}

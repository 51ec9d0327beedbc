package dev.callchain.nativeflink;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.CallRecordCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A call on its way to one of its addresses, which is its key: as a candidate parent to its
 * {@code dst_ip} (id and times suffice there) or as a candidate child to its {@code src_ip} (the
 * full record, which travels on to the output from there). Flink re-reads the key on the
 * receiving side, so the address travels with the call.
 */
final class CallAtAddress {
  final String address;
  final String id;
  final long start;
  final long end;
  /** Present exactly when the call arrives as a child. */
  final CallRecord record;

  private CallAtAddress(String address, String id, long start, long end, CallRecord record) {
    this.address = address;
    this.id = id;
    this.start = start;
    this.end = end;
    this.record = record;
  }

  static CallAtAddress asParent(CallRecord call) {
    return new CallAtAddress(call.dstIp(), call.id(), call.startAtMs(), call.endAtMs(), null);
  }

  static CallAtAddress asChild(CallRecord call) {
    return new CallAtAddress(call.srcIp(), call.id(), call.startAtMs(), call.endAtMs(), call);
  }

  boolean isChild() {
    return record != null;
  }

  /** A child is its record (the address is its src_ip); a parent is address, id and times. */
  static final class Coder extends AtomicCoder<CallAtAddress> {
    private static final Coder INSTANCE = new Coder();
    private static final int PARENT = 0;
    private static final int CHILD = 1;

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CallAtAddress call, OutputStream out) throws IOException {
      if (call.isChild()) {
        out.write(CHILD);
        CallRecordCoder.of().encode(call.record, out);
        return;
      }
      out.write(PARENT);
      StringUtf8Coder.of().encode(call.address, out);
      StringUtf8Coder.of().encode(call.id, out);
      VarLongCoder.of().encode(call.start, out);
      VarLongCoder.of().encode(call.end - call.start, out);
    }

    @Override
    public CallAtAddress decode(InputStream in) throws IOException {
      if (in.read() == CHILD) {
        return asChild(CallRecordCoder.of().decode(in));
      }
      String address = StringUtf8Coder.of().decode(in);
      String id = StringUtf8Coder.of().decode(in);
      long start = VarLongCoder.of().decode(in);
      return new CallAtAddress(address, id, start, start + VarLongCoder.of().decode(in), null);
    }
  }
}

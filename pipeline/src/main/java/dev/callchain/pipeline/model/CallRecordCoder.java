package dev.callchain.pipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Compact binary form of a {@link CallRecord}: length-prefixed strings, varint times. */
public final class CallRecordCoder extends AtomicCoder<CallRecord> {
  private static final CallRecordCoder INSTANCE = new CallRecordCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  /** Lets @DefaultCoder find this coder for {@link CallRecord}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(CallRecord.class), of());
  }

  public static CallRecordCoder of() {
    return INSTANCE;
  }

  private CallRecordCoder() {}

  @Override
  public void encode(CallRecord call, OutputStream out) throws IOException {
    STRING.encode(call.id(), out);
    STRING.encode(call.srcIp(), out);
    STRING.encode(call.dstIp(), out);
    LONG.encode(call.startAtMs(), out);
    // The duration is small where the end is large: encode it, not the end.
    LONG.encode(call.endAtMs() - call.startAtMs(), out);
    DOUBLE.encode(call.latencyMsec(), out);
    BYTES.encode(call.extraFields(), out);
  }

  @Override
  public CallRecord decode(InputStream in) throws IOException {
    String id = STRING.decode(in);
    String srcIp = STRING.decode(in);
    String dstIp = STRING.decode(in);
    long start = LONG.decode(in);
    long end = start + LONG.decode(in);
    double latency = DOUBLE.decode(in);
    byte[] extra = BYTES.decode(in);
    return new CallRecord(id, srcIp, dstIp, start, end, latency, extra);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}

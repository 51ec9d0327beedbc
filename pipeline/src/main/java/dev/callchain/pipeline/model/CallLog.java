package dev.callchain.pipeline.model;

import org.apache.beam.sdk.coders.DefaultCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** One raw call log as read, before parsing: the message value or file line, and its origin. */
@DefaultCoder(CallLog.CallLogCoder.class)
public final class CallLog {
  private final byte[] value;
  private final Origin origin;

  public CallLog(byte[] value, Origin origin) {
    this.value = Objects.requireNonNull(value);
    this.origin = Objects.requireNonNull(origin);
  }

  /** The raw bytes; never mutate. */
  public byte[] value() {
    return value;
  }

  public Origin origin() {
    return origin;
  }

  /** Binary form of a {@link CallLog}. */
  public static final class CallLogCoder extends AtomicCoder<CallLog> {
    private static final CallLogCoder INSTANCE = new CallLogCoder();

    /** Lets @DefaultCoder find this coder for {@link CallLog}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(CallLog.class), of());
    }

    public static CallLogCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CallLog log, OutputStream out) throws IOException {
      ByteArrayCoder.of().encode(log.value, out);
      Origin.OriginCoder.of().encode(log.origin, out);
    }

    @Override
    public CallLog decode(InputStream in) throws IOException {
      return new CallLog(ByteArrayCoder.of().decode(in), Origin.OriginCoder.of().decode(in));
    }
  }
}

package dev.callchain.pipeline.model;

import dev.callchain.pipeline.parse.CallLogParser;
import dev.callchain.pipeline.parse.ParseResult;
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
import org.checkerframework.checker.nullness.qual.Nullable;

/** One raw call log as read, before parsing: the message value or file line, and its origin. */
@DefaultCoder(CallLog.CallLogCoder.class)
public final class CallLog {
  private final byte[] value;
  private final Origin origin;
  /**
   * The value already parsed, where the reader had to parse it for its event time (Kafka), so that
   * it is parsed once. Not encoded: a decoded log is parsed again, which gives the same result.
   */
  private final @Nullable ParseResult parsed;

  public CallLog(byte[] value, Origin origin) {
    this(value, origin, null);
  }

  public CallLog(byte[] value, Origin origin, @Nullable ParseResult parsed) {
    this.value = Objects.requireNonNull(value);
    this.origin = Objects.requireNonNull(origin);
    this.parsed = parsed;
  }

  /** The raw bytes; never mutate. */
  public byte[] value() {
    return value;
  }

  public Origin origin() {
    return origin;
  }

  /** The value parsed: by the reader if it did, else by {@code parser} now. */
  public ParseResult parse(CallLogParser parser) {
    return parsed != null ? parsed : parser.parse(value);
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

package dev.callchain.pipeline.model;

import org.apache.beam.sdk.coders.DefaultCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A record that went to the dead letters: a rejected call log, or a linked call its sink could not
 * take. It keeps the original bytes as they were (binary input is not decoded on the way), why,
 * and where it came from.
 */
@DefaultCoder(DeadLetter.DeadLetterCoder.class)
public final class DeadLetter {
  private final byte[] original;
  private final Rejection reason;
  private final String detail;
  private final Origin origin;

  public DeadLetter(byte[] original, Rejection reason, String detail, Origin origin) {
    this.original = Objects.requireNonNull(original);
    this.reason = Objects.requireNonNull(reason);
    this.detail = Objects.requireNonNull(detail);
    this.origin = Objects.requireNonNull(origin);
  }

  /** The original bytes; never mutate. */
  public byte[] original() {
    return original;
  }

  public Rejection reason() {
    return reason;
  }

  /** The reason in words, naming the field and value where there is one. */
  public String detail() {
    return detail;
  }

  public Origin origin() {
    return origin;
  }

  @Override
  public String toString() {
    return origin + ": " + detail;
  }

  /** Binary form of a {@link DeadLetter}. */
  public static final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
    private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();

    /** Lets @DefaultCoder find this coder for {@link DeadLetter}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(DeadLetter.class), of());
    }

    public static DeadLetterCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(DeadLetter letter, OutputStream out) throws IOException {
      ByteArrayCoder.of().encode(letter.original, out);
      StringUtf8Coder.of().encode(letter.reason.name(), out);
      StringUtf8Coder.of().encode(letter.detail, out);
      Origin.OriginCoder.of().encode(letter.origin, out);
    }

    @Override
    public DeadLetter decode(InputStream in) throws IOException {
      return new DeadLetter(
          ByteArrayCoder.of().decode(in),
          Rejection.valueOf(StringUtf8Coder.of().decode(in)),
          StringUtf8Coder.of().decode(in),
          Origin.OriginCoder.of().decode(in));
    }
  }
}

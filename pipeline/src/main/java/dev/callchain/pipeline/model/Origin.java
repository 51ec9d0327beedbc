package dev.callchain.pipeline.model;

import org.apache.beam.sdk.coders.DefaultCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Where a raw call log came from: a Kafka topic/partition/offset or a file/line. */
@DefaultCoder(Origin.OriginCoder.class)
public final class Origin {
  private static final int FILE = -1;
  private static final int LINKED_CALL = -2;

  private final String source;
  private final int partition;
  private final long position;

  private Origin(String source, int partition, long position) {
    this.source = Objects.requireNonNull(source);
    this.partition = partition;
    this.position = position;
  }

  public static Origin kafka(String topic, int partition, long offset) {
    return new Origin(topic, partition, offset);
  }

  /** A file line, numbered from 1. */
  public static Origin file(String path, long line) {
    return new Origin(path, FILE, line);
  }

  /** A linked call the pipeline made, named by its id: the origin of an output that did not fit. */
  public static Origin linkedCall(String id) {
    return new Origin(id, LINKED_CALL, 0);
  }

  public boolean isFile() {
    return partition == FILE;
  }

  public boolean isLinkedCall() {
    return partition == LINKED_CALL;
  }

  /** The topic, the file path, or the linked call's id. */
  public String source() {
    return source;
  }

  public int partition() {
    return partition;
  }

  /** The Kafka offset or the file line. */
  public long position() {
    return position;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Origin
        && ((Origin) o).source.equals(source)
        && ((Origin) o).partition == partition
        && ((Origin) o).position == position;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, partition, position);
  }

  @Override
  public String toString() {
    if (isLinkedCall()) {
      return "linked call " + source;
    }
    return isFile() ? source + ":" + position : source + "/" + partition + "@" + position;
  }

  /** Binary form of an {@link Origin}. */
  public static final class OriginCoder extends AtomicCoder<Origin> {
    private static final OriginCoder INSTANCE = new OriginCoder();

    /** Lets @DefaultCoder find this coder for {@link Origin}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(Origin.class), of());
    }

    public static OriginCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Origin origin, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(origin.source, out);
      VarIntCoder.of().encode(origin.partition, out);
      VarLongCoder.of().encode(origin.position, out);
    }

    @Override
    public Origin decode(InputStream in) throws IOException {
      return new Origin(
          StringUtf8Coder.of().decode(in), VarIntCoder.of().decode(in), VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}

package dev.callchain.nativeflink;

import java.io.IOException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.api.java.typeutils.runtime.DataInputViewStream;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.api.java.typeutils.runtime.DataOutputViewStream;
import org.apache.flink.util.InstantiationUtil;

/**
 * A Flink serializer that writes a value in its Beam coder's binary form, so that the job's
 * records and keyed state (checkpoints included) use the pipeline's own compact encodings rather
 * than Kryo. The coders are stateless and thread-safe, so one instance serves every thread.
 */
final class CoderSerializer<T> extends TypeSerializer<T> {
  private final Coder<T> coder;

  CoderSerializer(Coder<T> coder) {
    this.coder = coder;
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from) {
    try {
      return CoderUtils.clone(coder, from);
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy with " + coder, e);
    }
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T value, DataOutputView target) throws IOException {
    coder.encode(value, new DataOutputViewStream(target));
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    return coder.decode(new DataInputViewStream(source));
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoderSerializer && ((CoderSerializer<?>) o).coder.equals(coder);
  }

  @Override
  public int hashCode() {
    return coder.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new CoderSnapshot<>(coder);
  }

  /** Keeps the coder itself (Java-serialised) in checkpoints, so a restore decodes alike. */
  public static final class CoderSnapshot<T> implements TypeSerializerSnapshot<T> {
    private Coder<T> coder;

    /** For Flink, which reads the coder back with {@link #readSnapshot}. */
    public CoderSnapshot() {}

    CoderSnapshot(Coder<T> coder) {
      this.coder = coder;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      byte[] bytes = InstantiationUtil.serializeObject(coder);
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader)
        throws IOException {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      try {
        coder = InstantiationUtil.deserializeObject(bytes, classLoader);
      } catch (ClassNotFoundException e) {
        throw new IOException("cannot restore the coder of a checkpoint", e);
      }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new CoderSerializer<>(coder);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
        TypeSerializerSnapshot<T> oldSnapshot) {
      return oldSnapshot instanceof CoderSnapshot
              && ((CoderSnapshot<T>) oldSnapshot).coder.equals(coder)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}

package dev.callchain.nativeflink;

import org.apache.beam.sdk.coders.Coder;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The Flink type of values serialised by a Beam coder (see {@link CoderSerializer}). */
final class CoderTypeInfo<T> extends TypeInformation<T> {
  private final Class<T> type;
  private final Coder<T> coder;

  private CoderTypeInfo(Class<T> type, Coder<T> coder) {
    this.type = type;
    this.coder = coder;
  }

  static <T> CoderTypeInfo<T> of(Class<T> type, Coder<T> coder) {
    return new CoderTypeInfo<>(type, coder);
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(ExecutionConfig config) {
    return new CoderSerializer<>(coder);
  }

  @Override
  public String toString() {
    return type.getSimpleName() + " as " + coder;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoderTypeInfo
        && ((CoderTypeInfo<?>) o).type.equals(type)
        && ((CoderTypeInfo<?>) o).coder.equals(coder);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + coder.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof CoderTypeInfo;
  }
}

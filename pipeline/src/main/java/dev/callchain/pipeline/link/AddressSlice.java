package dev.callchain.pipeline.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The linker's key: an address, and which slice of event time under it ({@link AddressSlices}).
 * Unsliced, every call at an address has slice 0, so the address alone is the key.
 */
final class AddressSlice {
  final String address;
  final long slice;

  AddressSlice(String address, long slice) {
    this.address = Objects.requireNonNull(address);
    this.slice = slice;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AddressSlice that && slice == that.slice && address.equals(that.address);
  }

  @Override
  public int hashCode() {
    return address.hashCode() * 31 + Long.hashCode(slice);
  }

  @Override
  public String toString() {
    return address + "@" + slice;
  }

  /** Binary form of an {@link AddressSlice}; deterministic, as a key's coder must be. */
  static final class AddressSliceCoder extends AtomicCoder<AddressSlice> {
    private static final AddressSliceCoder INSTANCE = new AddressSliceCoder();

    static AddressSliceCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(AddressSlice key, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(key.address, out);
      VarLongCoder.of().encode(key.slice, out);
    }

    @Override
    public AddressSlice decode(InputStream in) throws IOException {
      return new AddressSlice(StringUtf8Coder.of().decode(in), VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}

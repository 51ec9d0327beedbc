package dev.callchain.pipeline.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.pipeline.link.AddressedCall.AddressedCallCoder;
import dev.callchain.pipeline.model.CallRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class AddressedCallCoderTest {
  @Test
  void aParentKeepsItsStartInMicroseconds() throws Exception {
    byte[] extra = "\"start_at_us\":1000123,\"end_at_us\":1002000".getBytes(StandardCharsets.UTF_8);
    AddressedCall parent = AddressedCall.asParent(new CallRecord("p", "A", "B", 1000, 1002, 1.877, extra));
    AddressedCall copy = CoderUtils.clone(AddressedCallCoder.of(), parent);
    assertEquals("p", copy.id);
    assertEquals(1000, copy.start);
    assertEquals(1002, copy.end);
    assertEquals(1_000_123, copy.startUs);
  }

  @Test
  void aParentEncodedBeforeMicrosecondsStillDecodes() throws Exception {
    ByteArrayOutputStream before = new ByteArrayOutputStream();
    BooleanCoder.of().encode(false, before);
    StringUtf8Coder.of().encode("p", before);
    VarLongCoder.of().encode(1000L, before);
    VarLongCoder.of().encode(2L, before);
    AddressedCall decoded = CoderUtils.decodeFromByteArray(AddressedCallCoder.of(), before.toByteArray());
    assertEquals("p", decoded.id);
    assertEquals(1002, decoded.end);
    assertEquals(1_000_000, decoded.startUs);
  }
}

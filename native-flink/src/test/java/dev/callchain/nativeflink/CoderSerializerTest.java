package dev.callchain.nativeflink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.link.CallsAtAddress;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.PartialLinks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The Beam coders as Flink serializers: records and keyed state survive a round trip. */
class CoderSerializerTest {
  private static final CallRecord CHILD =
      new CallRecord(
          "c1",
          "10.1.0.1",
          "10.2.0.1",
          1010,
          1020,
          10,
          "\"x\":[1]".getBytes(StandardCharsets.UTF_8));

  @Test
  void heldCallsAtAnAddressComeBackWithTheirLinks() throws Exception {
    CallsAtAddress calls = new CallsAtAddress();
    calls.admitAsParent("p1", 1000, 1100, linked -> {});
    calls.admitAsParent("p2", 1005, 1015, linked -> {});
    calls.admitAsChild(CHILD, linked -> {});

    CallsAtAddress restored = roundTrip(JobTypes.CALLS_AT_ADDRESS, calls);

    assertEquals(describe(evictAll(calls)), describe(evictAll(restored)));
    assertTrue(restored.isEmpty());
  }

  @Test
  void aCallTravelsToBothAddressesInFullOnlyAsAChild() throws Exception {
    CallAtAddress child = roundTrip(JobTypes.CALL_AT_ADDRESS, CallAtAddress.asChild(CHILD));
    assertEquals("10.1.0.1", child.address);
    assertEquals(CHILD, child.record);

    CallAtAddress parent = roundTrip(JobTypes.CALL_AT_ADDRESS, CallAtAddress.asParent(CHILD));
    assertEquals("10.2.0.1", parent.address);
    assertEquals("c1", parent.id);
    assertEquals(1010, parent.start);
    assertEquals(1020, parent.end);
    assertNull(parent.record);
  }

  @Test
  void aCheckpointedSerializerIsRestoredCompatible() throws Exception {
    TypeSerializer<CallsAtAddress> serializer =
        JobTypes.CALLS_AT_ADDRESS.createSerializer(new ExecutionConfig());
    TypeSerializerSnapshot<CallsAtAddress> snapshot = serializer.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(256);
    snapshot.writeSnapshot(out);

    TypeSerializerSnapshot<CallsAtAddress> read = new CoderSerializer.CoderSnapshot<>();
    read.readSnapshot(
        snapshot.getCurrentVersion(),
        new DataInputDeserializer(out.getCopyOfBuffer()),
        getClass().getClassLoader());

    assertEquals(serializer, read.restoreSerializer());
    assertTrue(read.resolveSchemaCompatibility(snapshot).isCompatibleAsIs());

    @SuppressWarnings("unchecked") // a checkpoint of another type, as a restore could meet it
    TypeSerializerSnapshot<CallsAtAddress> other =
        (TypeSerializerSnapshot<CallsAtAddress>)
            (TypeSerializerSnapshot<?>)
                JobTypes.PARTIAL_LINKS
                    .createSerializer(new ExecutionConfig())
                    .snapshotConfiguration();
    assertTrue(read.resolveSchemaCompatibility(other).isIncompatible());
  }

  private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
    TypeSerializer<T> serializer = type.createSerializer(new ExecutionConfig());
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(value, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  private static List<PartialLinks> evictAll(CallsAtAddress calls) {
    List<PartialLinks> emitted = new ArrayList<>();
    calls.evictAll(emitted::add);
    return emitted;
  }

  private static List<String> describe(List<PartialLinks> halves) {
    List<String> described = new ArrayList<>();
    for (PartialLinks half : halves) {
      described.add(half.id() + " " + half.call() + " " + String.join(",", half.ids()));
    }
    return described;
  }
}

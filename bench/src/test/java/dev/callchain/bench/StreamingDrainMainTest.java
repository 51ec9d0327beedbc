package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingDrainMainTest {
  @Test
  void optionsForEachSystemPassThroughWithTheirOwnEqualsSigns() {
    StreamingDrainMain.Options options = StreamingDrainMain.Options.parse("--workload", "moderate",
        "--records", "300000", "--systems", "native,callchain", "--repeats", "2",
        "--callchain-arg=--maxBundleSize=1000", "--native-arg=--idleFlushMs=5000",
        "--callchain-arg=--maxOutOfOrderMs=5000");

    assertEquals(Workload.moderate(300_000), options.workload());
    assertEquals(List.of(LiveSystem.NATIVE, LiveSystem.CALLCHAIN), options.systems());
    assertEquals(2, options.repeats());
    assertEquals(List.of("--maxBundleSize=1000", "--maxOutOfOrderMs=5000"),
        options.extra().get(LiveSystem.CALLCHAIN));
    assertEquals(List.of("--idleFlushMs=5000"), options.extra().get(LiveSystem.NATIVE));
  }

  @Test
  void callchainOnRocksDbIsASystemWithOptionsOfItsOwn() {
    StreamingDrainMain.Options options = StreamingDrainMain.Options.parse("--systems", "callchain-rocksdb,callchain",
        "--callchain-rocksdb-arg=--maxOutOfOrderMs=5000");

    assertEquals(List.of(LiveSystem.CALLCHAIN_ROCKSDB, LiveSystem.CALLCHAIN), options.systems());
    assertEquals(List.of("--maxOutOfOrderMs=5000"), options.extra().get(LiveSystem.CALLCHAIN_ROCKSDB));
    assertEquals(StreamingDrainSection.AGAINST_NATIVE, StreamingDrainMain.Options.parse().systems());
    assertThrows(IllegalArgumentException.class,
        () -> StreamingDrainMain.Options.parse("--callchain-rocksdb-arg=--noSuchOption=1"));
  }

  @Test
  void aMistakeIsSaidBeforeAnythingRuns() {
    String unknown = assertThrows(IllegalArgumentException.class,
        () -> StreamingDrainMain.Options.parse("--callchain-arg=--noSuchOption=1")).getMessage();
    assertTrue(unknown.contains("--noSuchOption=1"), unknown);
    assertThrows(IllegalArgumentException.class, () -> StreamingDrainMain.Options.parse("--workload", "busy"));
    assertThrows(IllegalArgumentException.class, () -> StreamingDrainMain.Options.parse("--systems", "flink"));
    assertThrows(IllegalArgumentException.class, () -> StreamingDrainMain.Options.parse("--records"));
    assertThrows(IllegalArgumentException.class, () -> StreamingDrainMain.Options.parse("--repeats", "0"));
  }
}

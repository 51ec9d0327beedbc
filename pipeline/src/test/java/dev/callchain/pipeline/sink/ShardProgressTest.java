package dev.callchain.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShardProgressTest {
  @Test
  void progressReadsBackFromTheOffsetsMetadata() {
    ShardProgress written = new ShardProgress("run-1", 4_321);
    assertEquals(written, ShardProgress.parse(written.metadata()));
  }

  @Test
  void aShardNeverWrittenHasWrittenNothing() {
    assertEquals(-1, ShardProgress.parse(null).writtenUpTo("run-1", false));
    assertEquals(-1, ShardProgress.parse("").writtenUpTo("run-1", true));
  }

  @Test
  void aShardWithStateTrustsTheTopicWhicheverRunWroteIt() {
    // Restored from its own checkpoint, or resumed from a savepoint of an earlier run.
    assertEquals(99, new ShardProgress("run-1", 99).writtenUpTo("run-1", true));
    assertEquals(99, new ShardProgress("run-1", 99).writtenUpTo("run-2", true));
  }

  @Test
  void aShardWithoutStateTrustsOnlyItsOwnRun() {
    // Its first checkpoint replayed after a restore: what it wrote must not be written again.
    assertEquals(99, new ShardProgress("run-1", 99).writtenUpTo("run-1", false));
    // A new job with the same group and topic: it starts over, skipping nothing.
    assertEquals(-1, new ShardProgress("run-1", 99).writtenUpTo("run-2", false));
  }

  @Test
  void metadataNotWrittenByThisSinkIsRefused() {
    assertThrows(IllegalStateException.class, () -> ShardProgress.parse("{\"seq\":3}"));
  }
}

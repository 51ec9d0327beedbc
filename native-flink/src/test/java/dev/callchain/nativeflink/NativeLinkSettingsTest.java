package dev.callchain.nativeflink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeLinkSettingsTest {
  @Test
  void theDefaultsAreThoseOfTheSpec() {
    NativeLinkSettings settings = NativeLinkSettings.defaults();
    assertEquals("localhost:9092", settings.bootstrapServers());
    assertEquals("test-topic", settings.inputTopic());
    assertEquals("linked-topic", settings.outputTopic());
    assertEquals("dead-letter-topic", settings.deadLetterTopic());
    assertEquals(30_000, settings.maxOutOfOrderMs());
    assertEquals(60_000, settings.idleFlushMs());
    assertEquals(10_000, settings.idlePartitionMs());
    assertEquals(2, settings.parallelism());
    assertFalse(settings.bounded());
  }

  @Test
  void flagsOverrideTheDefaults() {
    NativeLinkSettings settings =
        NativeLinkSettings.parse("--inputTopic=in", "--maxOutOfOrderMs=500", "--bounded");
    assertEquals("in", settings.inputTopic());
    assertEquals(500, settings.maxOutOfOrderMs());
    assertTrue(settings.bounded());
  }

  @Test
  void startFromEarliestIsARunUntilStoppedThatBeginsWithTheWholeTopic() {
    NativeLinkSettings live = NativeLinkSettings.parse("--startFromEarliest");
    assertTrue(live.startFromEarliest());
    assertFalse(live.bounded());
    assertTrue(NativeLinkSettings.parse("--startFromEarliest=true").startFromEarliest());
    assertFalse(NativeLinkSettings.parse("--startFromEarliest=false").startFromEarliest());
    assertFalse(NativeLinkSettings.defaults().startFromEarliest());
    assertTrue(NativeLinkSettings.USAGE.contains("[--startFromEarliest[=true]]"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> NativeLinkSettings.parse("--bounded", "--startFromEarliest"))
            .getMessage()
            .contains("--startFromEarliest"));
  }

  @Test
  void aMistakeIsExplained() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> NativeLinkSettings.parse("--inputTopc=x"))
            .getMessage()
            .contains("--inputTopc"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> NativeLinkSettings.parse("--parallelism=two"))
            .getMessage()
            .contains("whole number"));
  }
}

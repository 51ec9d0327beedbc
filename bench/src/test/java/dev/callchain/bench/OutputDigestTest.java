package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputDigestTest {
  private static String linked(String id, String parents, String children) {
    return "{\"id\":\"" + id + "\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":1,\"end_at_ms\":2,"
        + "\"latency_msec\":1,\"parents\":[" + parents + "],\"children\":[" + children + "]}";
  }

  private static OutputDigest digest(String... values) {
    OutputDigest digest = new OutputDigest();
    for (String value : values) {
      digest.add(LinkedOutputKey.of(value), value);
    }
    return digest;
  }

  /** The id as the pipeline keys its output. */
  private static final class LinkedOutputKey {
    static String of(String value) {
      return value.substring(7, value.indexOf('"', 7));
    }
  }

  @Test
  void theSameLinksInAnotherOrderOfRecordsAreEqual() {
    OutputDigest left = digest(linked("1", "", "\"2\",\"3\""), linked("2", "\"1\"", ""), linked("3", "\"1\"", ""));
    OutputDigest right = digest(linked("3", "\"1\"", ""), linked("1", "", "\"2\",\"3\""), linked("2", "\"1\"", ""));

    OutputDigest.Comparison comparison = left.compareWith(right);

    assertTrue(comparison.equal(), comparison.describe());
    assertEquals("equal (3 ids)", comparison.describe());
  }

  @Test
  void aMissingIdADifferentLinkAndADuplicateAreFound() {
    OutputDigest left = digest(linked("1", "", "\"2\",\"3\""), linked("2", "\"1\"", ""), linked("3", "\"1\"", ""));
    OutputDigest right = digest(linked("1", "", "\"2\""), linked("2", "\"1\"", ""), linked("2", "\"1\"", ""),
        linked("4", "", ""));

    OutputDigest.Comparison comparison = left.compareWith(right);

    assertFalse(comparison.equal());
    assertEquals(1, comparison.onlyLeft()); // 3
    assertEquals(1, comparison.onlyRight()); // 4
    assertEquals(1, comparison.differing()); // 1
    assertEquals(1, comparison.duplicates()); // 2 twice
    assertTrue(comparison.examples().containsAll(List.of("1", "3")));
  }

  @Test
  void parentsAndChildrenAreNotInterchangeable() {
    assertFalse(digest(linked("1", "\"2\"", "")).compareWith(digest(linked("1", "", "\"2\""))).equal());
  }

  @Test
  void aKeyThatIsNotTheIdIsCounted() {
    OutputDigest digest = new OutputDigest();
    digest.add("other", linked("1", "", ""));
    assertEquals(1, digest.keyMismatches());
    assertFalse(digest.compareWith(digest(linked("1", "", ""))).equal());
  }
}

package dev.callchain.pipeline.link;

import static dev.callchain.pipeline.testing.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.PartialLinks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** The per-address linking state, without a runner. Address "A" throughout. */
class CallsAtAddressTest {
  private final CallsAtAddress calls = new CallsAtAddress();
  private final List<PartialLinks> emitted = new ArrayList<>();

  private CallsAtAddress.Admission parent(String id, long start, long end) {
    return calls.admitAsParent(id, start, end, partner -> {});
  }

  private CallsAtAddress.Admission child(String id, long start, long end) {
    return calls.admitAsChild(call(id, "A", "B", start, end), partner -> {});
  }

  private Map<String, String[]> drain() {
    calls.evictEndedBefore(Long.MAX_VALUE - 1, emitted::add);
    Map<String, String[]> links = new HashMap<>();
    for (PartialLinks half : emitted) {
      links.put((half.hasParents() ? "parents of " : "children of ") + half.id(), half.ids());
    }
    return links;
  }

  @Test
  void containmentIsInclusiveAtBothEnds() {
    parent("p", 1000, 2000);
    child("same", 1000, 2000);
    child("early", 999, 1500);
    child("late", 1500, 2001);
    child("point", 2000, 2000);
    Map<String, String[]> links = drain();
    assertArrayEquals(new String[] {"point", "same"}, links.get("children of p"));
    assertArrayEquals(new String[] {"p"}, links.get("parents of same"));
    assertArrayEquals(new String[0], links.get("parents of early"));
    assertArrayEquals(new String[0], links.get("parents of late"));
  }

  @Test
  void aCallIsNeverItsOwnParent() {
    parent("self", 1000, 2000);
    child("self", 1000, 2000);
    Map<String, String[]> links = drain();
    assertArrayEquals(new String[0], links.get("children of self"));
    assertArrayEquals(new String[0], links.get("parents of self"));
  }

  @Test
  void linksDoNotDependOnArrivalOrder() {
    child("c", 1100, 1200);
    parent("p", 1000, 2000);
    Map<String, String[]> links = drain();
    assertArrayEquals(new String[] {"c"}, links.get("children of p"));
    assertArrayEquals(new String[] {"p"}, links.get("parents of c"));
  }

  @Test
  void aRedeliveryIsRecognisedAndAddsNothing() {
    parent("p", 1000, 2000);
    child("c", 1100, 1200);
    assertEquals(CallsAtAddress.Admission.REDELIVERED, child("c", 1100, 1200));
    assertEquals(CallsAtAddress.Admission.REDELIVERED, parent("p", 1000, 2000));
    Map<String, String[]> links = drain();
    assertEquals(2, emitted.size());
    assertArrayEquals(new String[] {"c"}, links.get("children of p"));
  }

  @Test
  void evictionEmitsOnlyCallsThatEndedAndReportsTheNextEnd() {
    parent("long", 0, 10_000);
    child("short", 100, 200);
    child("later", 5000, 6000);
    long next = calls.evictEndedBefore(300, emitted::add);
    assertEquals(1, emitted.size());
    assertEquals("short", emitted.get(0).id());
    assertTrue(next <= 6000, "lower bound of the earliest end still held: " + next);
    assertEquals(2, calls.size());
    assertEquals(CallsAtAddress.Admission.LATE, child("behind", 250, 260));
  }

  @Test
  void matchesBruteForceOnRandomCalls() {
    Random random = new Random(7);
    List<CallRecord> parents = new ArrayList<>();
    List<CallRecord> children = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long start = random.nextInt(10_000);
      long end = start + random.nextInt(i % 10 == 0 ? 3000 : 200);
      CallRecord c = call("c" + i, "A", "B", start, end);
      if (random.nextBoolean()) {
        parents.add(c);
        parent(c.id(), start, end);
      } else {
        children.add(c);
        child(c.id(), start, end);
      }
    }
    Map<String, String[]> links = drain();
    for (CallRecord p : parents) {
      List<String> expected = new ArrayList<>();
      for (CallRecord c : children) {
        if (p.startAtMs() <= c.startAtMs() && p.endAtMs() >= c.endAtMs()) {
          expected.add(c.id());
        }
      }
      expected.sort(null);
      assertArrayEquals(expected.toArray(new String[0]), links.get("children of " + p.id()), p.id());
    }
  }

  @Test
  void stateSurvivesItsCoder() throws Exception {
    parent("p", 1000, 2000);
    child("c", 1100, 1200);
    calls.evictedBefore = 900;
    CallsAtAddress copy =
        CoderUtils.clone(CallsAtAddressCoder.of(), calls);
    assertEquals(900, copy.evictedBefore);
    List<PartialLinks> fromCopy = new ArrayList<>();
    copy.evictEndedBefore(Long.MAX_VALUE - 1, fromCopy::add);
    assertEquals(2, fromCopy.size());
    for (PartialLinks half : fromCopy) {
      assertEquals(1, half.ids().length);
    }
  }

  @Test
  void aCopyEmitsTheSameSortedLinksAndSharesEachIdOnce() throws Exception {
    child("c", 1500, 1600);
    parent("p3", 1000, 2000);
    parent("p1", 1100, 1900);
    parent("p2", 1200, 1800);
    child("d", 1300, 1400);
    CallsAtAddress copy = CoderUtils.clone(CallsAtAddressCoder.of(), calls);

    String c = null;
    for (int i = 0; i < 3; i++) {
      String[] links = copy.asParent.get(i).linksAsMade();
      String linked = links[0].equals("c") ? links[0] : links[1];
      assertEquals("c", linked);
      if (c != null) {
        assertSame(c, linked, "every parent's link to c is one String after decoding");
      }
      c = linked;
    }

    List<PartialLinks> fromCopy = new ArrayList<>();
    copy.evictEndedBefore(Long.MAX_VALUE - 1, fromCopy::add);
    Map<String, String[]> copied = new HashMap<>();
    for (PartialLinks half : fromCopy) {
      copied.put((half.hasParents() ? "parents of " : "children of ") + half.id(), half.ids());
    }
    assertArrayEquals(new String[] {"p1", "p2", "p3"}, copied.get("parents of c"));
    assertArrayEquals(new String[] {"c", "d"}, copied.get("children of p1"));
  }
}

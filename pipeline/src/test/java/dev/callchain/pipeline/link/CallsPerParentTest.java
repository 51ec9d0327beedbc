package dev.callchain.pipeline.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallsPerParentTest {
  @Test
  void aCallerThatMadeItsUsualCallsIsALessLikelyCallerOfOneMore() {
    CallsPerParent learned = new CallsPerParent();
    for (int i = 0; i < 100; i++) {
      learned.learn(Map.of("cart", 1, "currency", i % 2 == 0 ? 2 : 3));
    }
    assertEquals(1, learned.another("cart", 0), "a first call is never held against a caller");
    assertTrue(learned.another("cart", 1) < 0.01, "cart is called once: " + learned.another("cart", 1));
    assertTrue(learned.another("currency", 1) > 0.99, "currency at least twice: " + learned.another("currency", 1));
    assertEquals(0.5, learned.another("currency", 2), 0.01, "a third time in half the requests");
    assertEquals(1, learned.another("unseen", 5), "nothing learned, nothing held against it");
  }
}

package dev.callchain.pipeline.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index against a plain sorted list, through inserts and evictions that move its head. */
class CallIndexTest {
  @Test
  void insertsAndEvictionsInAnyMixKeepTheHeldCallsInStartOrder() {
    for (int seed = 0; seed < 20; seed++) {
      Random random = new Random(seed);
      CallIndex index = new CallIndex();
      List<HeldCall> model = new ArrayList<>();
      long now = 0;
      for (int step = 0; step < 3_000; step++) {
        if (random.nextInt(4) > 0) {
          // Nearly in start order, some behind; some long calls that outlive evictions.
          long start = now + random.nextInt(200) - 50;
          long end = start + (random.nextInt(10) == 0 ? 2_000 : random.nextInt(40));
          HeldCall call = new HeldCall("c" + step, start, end, null);
          index.add(call);
          model.add(call);
          model.sort(Comparator.comparingLong((HeldCall c) -> c.start));
          now += random.nextInt(5);
        } else {
          long time = now - random.nextInt(100);
          List<String> evicted = new ArrayList<>();
          long earliest = index.evictEndedBefore(time, call -> evicted.add(call.id));
          List<String> expected = new ArrayList<>();
          model.removeIf(
              call -> {
                boolean ended = call.end < time;
                if (ended) {
                  expected.add(call.id);
                }
                return ended;
              });
          assertEquals(expected, evicted, "seed " + seed + " step " + step);
          long trueEarliest = model.stream().mapToLong(c -> c.end).min().orElse(CallIndex.NOTHING_HELD);
          assertEquals(true, earliest <= trueEarliest, "a lower bound of the earliest end");
        }
        assertEquals(ids(model), contents(index), "seed " + seed + " step " + step);
        HeldCall probe = model.isEmpty() ? null : model.get(random.nextInt(model.size()));
        if (probe != null) {
          assertEquals(probe, index.find(probe.id, probe.start));
        }
      }
    }
  }

  private static List<String> ids(List<HeldCall> calls) {
    List<String> ids = new ArrayList<>();
    calls.forEach(call -> ids.add(call.id));
    return ids;
  }

  private static List<String> contents(CallIndex index) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < index.size(); i++) {
      ids.add(index.get(i).id);
    }
    return ids;
  }
}

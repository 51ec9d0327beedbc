package dev.callchain.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TraceTreesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode call(String id, String src, String dst, long start, int latency, String best, int depth)
      throws Exception {
    String parent = best == null ? "null" : "\"" + best + "\"";
    String scores = best == null ? "{}" : "{\"" + best + "\":0.97,\"other\":0.03}";
    return JSON.readTree(
        "{\"id\":\"" + id + "\",\"src_ip\":\"" + src + "\",\"dst_ip\":\"" + dst + "\",\"start_at_ms\":" + start
            + ",\"latency_msec\":" + latency + ",\"best_parent\":" + parent + ",\"parent_scores\":" + scores
            + ",\"trace_id\":\"r\",\"depth\":" + depth + "}");
  }

  @Test
  void aTraceIsDrawnWhenItsRootComesWithItsCallsUnderTheirBestParents() throws Exception {
    TraceTrees trees = new TraceTrees(2);
    assertNull(trees.add(call("late", "b", "d", 150, 5, "b1", 2)));
    assertNull(trees.add(call("b1", "a", "b", 110, 40, "r", 1)));
    assertNull(trees.add(call("c1", "a", "c", 105, 20, "r", 1)));
    TraceTrees.FinishedTrace trace = trees.add(call("r", "client", "a", 100, 90, null, 0));
    assertEquals(4, trace.calls());
    assertEquals(
        "  client -> a  90 ms\n"
            + "    a -> c  20 ms  (parent score 0.97)\n"
            + "    a -> b  40 ms  (parent score 0.97)\n"
            + "      b -> d  5 ms  (parent score 0.97)\n",
        trace.tree());
    assertEquals(1, trees.latest().size());
  }

  @Test
  void aRootAloneIsNoTree() throws Exception {
    TraceTrees trees = new TraceTrees(2);
    assertNull(trees.add(call("r", "client", "a", 100, 90, null, 0)));
    assertEquals(0, trees.latest().size());
  }
}

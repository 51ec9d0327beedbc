package dev.callchain.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
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

  private static final Duration QUIET = Duration.ofSeconds(2);
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void aTraceIsDrawnOnceQuietWithItsCallsUnderTheirBestParents() throws Exception {
    TraceTrees trees = new TraceTrees(2, QUIET);
    // The root first, as the pipeline writes it; its calls from other partitions before and after.
    trees.add(call("c1", "a", "c", 105, 20, "r", 1), 0);
    trees.add(call("r", "client", "a", 100, 90, null, 0), 0);
    trees.add(call("b1", "a", "b", 110, 40, "r", 1), SECOND);
    assertEquals(List.of(), trees.finishQuiet(2 * SECOND), "not quiet yet");
    trees.add(call("late", "b", "d", 150, 5, "b1", 2), 2 * SECOND);
    assertEquals(List.of(), trees.finishQuiet(3 * SECOND));
    List<TraceTrees.FinishedTrace> finished = trees.finishQuiet(4 * SECOND);
    assertEquals(1, finished.size());
    TraceTrees.FinishedTrace trace = finished.get(0);
    assertEquals(4, trace.calls());
    assertEquals("r", trace.rootId());
    assertEquals(
        "  client -> a  90 ms\n"
            + "    a -> c  20 ms  (parent score 0.97)\n"
            + "    a -> b  40 ms  (parent score 0.97)\n"
            + "      b -> d  5 ms  (parent score 0.97)\n",
        trace.tree());
    assertEquals(List.of(trace), trees.latest());
  }

  @Test
  void aCallWrittenAgainIsCountedOnce() throws Exception {
    TraceTrees trees = new TraceTrees(2, QUIET);
    trees.add(call("r", "client", "a", 100, 90, null, 0), 0);
    trees.add(call("b1", "a", "b", 110, 40, "r", 1), 0);
    trees.add(call("b1", "a", "b", 110, 40, "r", 1), 0);
    List<TraceTrees.FinishedTrace> finished = trees.finishAll();
    assertEquals(1, finished.size());
    assertEquals(2, finished.get(0).calls());
  }

  @Test
  void aTraceWaitsForItsRootEvenWhenQuiet() throws Exception {
    TraceTrees trees = new TraceTrees(2, QUIET);
    trees.add(call("b1", "a", "b", 110, 40, "r", 1), 0);
    assertEquals(List.of(), trees.finishQuiet(10 * SECOND));
    assertEquals(List.of(), trees.finishAll());
    trees.add(call("r", "client", "a", 100, 90, null, 0), 11 * SECOND);
    assertEquals(2, trees.finishQuiet(13 * SECOND).get(0).calls());
  }

  @Test
  void aRootAloneIsNoTree() throws Exception {
    TraceTrees trees = new TraceTrees(2, QUIET);
    trees.add(call("r", "client", "a", 100, 90, null, 0), 0);
    assertEquals(List.of(), trees.finishAll());
    assertEquals(0, trees.latest().size());
  }
}

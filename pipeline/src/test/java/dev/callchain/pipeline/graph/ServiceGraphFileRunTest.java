package dev.callchain.pipeline.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.pipeline.CallchainMain;
import dev.callchain.pipeline.testing.TestCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --traces with --edgesFile: a file run writes its service graph to the file. */
class ServiceGraphFileRunTest {
  /** The client calls the frontend, which calls cart, which calls db; then again without db. */
  static final List<String> TWO_TRACES =
      List.of(
          TestCalls.jsonWithService(TestCalls.call("a1", "10.0.0.0", "10.1.0.1", 1_000, 1_100), "frontend"),
          TestCalls.jsonWithService(TestCalls.call("b1", "10.1.0.1", "10.2.0.1", 1_010, 1_050), "cart"),
          TestCalls.jsonWithService(TestCalls.call("c1", "10.2.0.1", "10.3.0.1", 1_020, 1_030), "db"),
          TestCalls.jsonWithService(TestCalls.call("a2", "10.0.0.0", "10.1.0.2", 5_000, 5_300), "frontend"),
          TestCalls.jsonWithService(TestCalls.call("b2", "10.1.0.2", "10.2.0.1", 5_010, 5_200), "cart"));

  @TempDir Path dir;

  @Test
  void aFileRunWritesEachEdgeAndTheTracesOfEachWindow() throws IOException {
    Path input = dir.resolve("in.jsonl");
    Files.write(input, TWO_TRACES, StandardCharsets.UTF_8);
    Path edges = dir.resolve("edges.jsonl");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        CallchainMain.execute(
                new String[] {
                  "--runner=DirectRunner",
                  "--inputFile=" + input,
                  "--outputFile=" + dir.resolve("linked.jsonl"),
                  "--traces=true",
                  "--edgesFile=" + edges
                },
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .exitCode();

    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    Map<String, GraphRecord> byKey = new TreeMap<>();
    for (String line : Files.readAllLines(edges)) {
      GraphRecord record = GraphJson.read(line.getBytes(StandardCharsets.UTF_8));
      assertEquals(null, byKey.put(record.key(), record), "one window: one record per key");
    }
    // A root's caller is its address, any other call's its best parent's service.
    assertEquals(List.of("10.0.0.0 -> frontend", "cart -> db", "frontend -> cart", "traces"), List.copyOf(byKey.keySet()));
    EdgeStats cart = (EdgeStats) byKey.get("frontend -> cart");
    assertEquals(List.of(2L, 190.0, 0L, 60_000L), List.of(cart.latency().calls(), cart.latency().maxMs(), cart.windowStartMs(), cart.windowEndMs()));
    // Calls and depth are the summaries' (TraceCalls): a bounded run may write a root first.
    TraceTotals traces = ((TraceStats) byKey.get("traces")).totals();
    assertEquals(List.of(2L, 300.0), List.of(traces.traces(), traces.rootLatency().maxMs()));
  }
}

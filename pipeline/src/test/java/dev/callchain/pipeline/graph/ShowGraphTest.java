package dev.callchain.pipeline.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph command on a file: the newest window of each edge in a table, and the picture. */
class ShowGraphTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void theNewestWindowOfEachEdgeIsPrintedAndDrawn() throws IOException {
    Path edges = dir.resolve("edges.jsonl");
    Files.write(
        edges,
        List.of(
            line(new EdgeStats(60_000, 120_000, new Edge("10.0.0.0", "frontend"), new LatencyStats(7, 20, 30, 31, 32))),
            line(new EdgeStats(0, 60_000, new Edge("10.0.0.0", "frontend"), new LatencyStats(3, 1, 2, 3, 4))),
            line(new EdgeStats(0, 60_000, new Edge("frontend", "cart"), new LatencyStats(12, 5, 6, 6.5, 7.25))),
            line(new TraceStats(60_000, 120_000, new TraceTotals(new LatencyStats(7, 20, 30, 31, 32), 4.5, 9, 1.5, 2)))),
        StandardCharsets.UTF_8);
    Path png = dir.resolve("graph/graph.png");

    int code = run("--edgesFile=" + edges, "--png=" + png);

    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertEquals(
        String.join(
            "\n",
            "| caller   | callee   | window (UTC)     | calls | p50 ms | p95 ms | p99 ms | max ms |",
            "| -------- | -------- | ---------------- | ----: | -----: | -----: | -----: | -----: |",
            "| 10.0.0.0 | frontend | 1970-01-01 00:01 |     7 |  20.00 |  30.00 |  31.00 |  32.00 |",
            "| frontend | cart     | 1970-01-01 00:00 |    12 |   5.00 |   6.00 |   6.50 |   7.25 |",
            "",
            "traces in 1970-01-01 00:01: 7; root latency p50 20.00, p95 30.00, p99 31.00, max 32.00 ms;"
                + " calls per trace mean 4.5, max 9; depth mean 1.5, max 2",
            ""),
        out.toString(StandardCharsets.UTF_8));
    assertTrue(ImageIO.read(png.toFile()).getWidth() >= 640);
  }

  @Test
  void aBadLineIsNamedWithItsFileAndLine() throws IOException {
    Path edges = dir.resolve("edges.jsonl");
    Files.write(edges, List.of("", "{\"type\":\"edge\"}"), StandardCharsets.UTF_8);
    assertEquals(1, run("--edgesFile=" + edges));
    assertEquals("graph: " + edges + ":2: missing field 'window_start_ms'\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownFlagIsExplainedWithExitTwo() {
    assertEquals(2, run("--edgesFiel=x"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--help=ShowGraphOptions"));
  }

  private int run(String... args) {
    return ShowGraph.run(
        args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String line(GraphRecord record) {
    return new String(GraphJson.write(record), StandardCharsets.UTF_8);
  }
}

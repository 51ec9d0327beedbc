package dev.callchain.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code real} on two datasets of the one shop trace (see traces/ShopTrace): its three calls each
 * have one candidate parent, the true one, so every figure is 100% at either load.
 */
class RealAccuracyTest {
  @TempDir Path datasets;
  @TempDir Path out;

  @Test
  void oneRowPerDatasetAndLoadWithEveryLinkRight() throws IOException {
    copy("traces/shop.jaeger.json", "one.jaeger.json");
    copy("traces/shop.zipkin.json", "two.zipkin.json");
    Files.writeString(datasets.resolve("README.md"), "not traces");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = AccuracyMain.run(new String[] {"real", "--datasets", datasets.toString(), "--out", out.toString()},
        new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    String report = Files.readString(out.resolve("REAL.md"));
    List<List<String>> rows = rows(section(report, "## Overall"));
    assertEquals(List.of("one 1x", "one 4x", "two 1x", "two 4x"),
        rows.stream().map(row -> row.get(0) + " " + row.get(1)).toList());
    for (List<String> row : rows) {
      // calls, rule recall without and with skew tolerance, parents precision, best_parent
      // precision and recall, traces exact
      assertEquals(
          List.of("3", "100.00%", "100.00%", "100.00%", "100.00%", "100.00%", "100.00%"), row.subList(2, 9), report);
    }
    assertEquals(List.of(
        List.of("backend → 10.0.0.9", "1", "100.00%", "100.00%"),
        List.of("external → frontend", "1", "n/a", "n/a"),
        List.of("frontend → backend", "1", "100.00%", "100.00%")), rows(section(report, "### one")));
    assertTrue(rows(section(report, "## Targets")).stream().allMatch(row -> row.get(4).equals("MET")), report);
    assertTrue(Files.size(out.resolve(RealReport.PRECISION_PNG)) > 0);
  }

  private void copy(String resource, String name) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, datasets.resolve(name));
    }
  }

  /** The text from {@code heading} to the next heading. */
  private static String section(String report, String heading) {
    int start = report.indexOf(heading + "\n");
    assertTrue(start >= 0, heading + " missing from\n" + report);
    int end = report.indexOf("\n#", start + heading.length());
    return report.substring(start, end < 0 ? report.length() : end);
  }

  /** The cells of a Markdown table's body rows (after the header and its rule), trimmed. */
  private static List<List<String>> rows(String section) {
    List<String> lines = section.lines().filter(line -> line.startsWith("|")).toList();
    return lines.subList(2, lines.size()).stream()
        .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::trim).toList())
        .toList();
  }
}

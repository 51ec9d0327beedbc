package dev.callchain.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @Test
  void tablePadsColumnsAndRightAlignsNumbers() {
    String table =
        new MarkdownTable("run", "records/s").row("callchain", "120,000").row("scan | json", 9).render();
    assertEquals(
        "| run          | records/s |\n"
            + "| ------------ | --------: |\n"
            + "| callchain    |   120,000 |\n"
            + "| scan \\| json |         9 |\n",
        table);
  }

  @Test
  void rowWithWrongWidthIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new MarkdownTable("a", "b").row("only one"));
  }

  @Test
  void plotIsAPng(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("sub/plot.png");
    LinePlot.titled("t", "x", "y")
        .logX()
        .series("a", new double[] {1, 10, 100}, new double[] {3, 2, 1})
        .series("b", new double[] {1, 10, 100}, new double[] {1, 2, 3})
        .writePng(png);
    byte[] head = new byte[8];
    System.arraycopy(Files.readAllBytes(png), 0, head, 0, 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
  }
}

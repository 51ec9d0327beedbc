package dev.callchain.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.bench.CompletedCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SoakReportTest {
  private static final OutputLag.Window QUIET = new OutputLag.Window(0, 0, Double.NaN, Double.NaN);

  @Test
  void theHeapTrendComparesTheFirstAndTheLastThirdSummedOverTaskManagers() {
    List<SoakReport.Sample> samples = new ArrayList<>();
    // Two TaskManagers: 100 + 100 MB for three looks, then 150 + 150 for three.
    for (int i = 0; i < 6; i++) {
      double mb = i < 3 ? 100 : 150;
      samples.add(new SoakReport.Sample(i, List.of(mb, mb), Optional.empty(), QUIET));
    }
    assertEquals("200 MB in the first third of the run, 300 MB in the last (+50%), summed over the TaskManagers",
        SoakReport.heapTrend(samples));
  }

  @Test
  void anIncompleteOutputIsSaidSoAndEachLookIsARow() {
    SoakMain.Options options = SoakMain.Options.parse("--minutes", "1", "--repo", "/tmp");
    CompletedCheckpoint checkpoint = new CompletedCheckpoint(7, 0, 812, 3_500_000, 3_500_000);
    List<SoakReport.Sample> samples =
        List.of(
            new SoakReport.Sample(0.5, List.of(60.0, 61.0), Optional.empty(), new OutputLag.Window(10, 2, 900, Double.POSITIVE_INFINITY)),
            new SoakReport.Sample(1.0, List.of(62.0, 63.0), Optional.of(checkpoint), new OutputLag.Window(12, 0, 800, 1_200)));
    String markdown =
        SoakReport.render("scripts/soak --minutes 1", "test machine", options, samples,
            new SoakReport.Completeness(100, 99, 1));
    assertTrue(markdown.contains("100 ids in, 99 out, 1 missing (INCOMPLETE)"), markdown);
    assertTrue(markdown.contains("| 60 / 61 "), markdown);
    assertTrue(markdown.contains("| 7 "), markdown);
    assertTrue(markdown.contains("| 3.5 "), markdown);
    assertTrue(markdown.contains("| missing "), markdown);
    assertEquals(Path.of("/tmp/reports/reliability/SOAK.md"), options.report());
  }
}

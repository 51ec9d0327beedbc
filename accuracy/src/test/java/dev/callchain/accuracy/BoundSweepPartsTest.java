package dev.callchain.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bound sweep's measures: lag in delivery order, the pipeline's lateness line, completeness. */
class BoundSweepPartsTest {
  @Test
  void lagIsHowFarEachRecordStartsBeforeTheLatestStartDeliveredBeforeIt(@TempDir Path dir) throws Exception {
    Path calls = dir.resolve("calls.jsonl");
    StringBuilder lines = new StringBuilder();
    for (long start : new long[] {100, 50, 200, 120, 210}) { // lags 0, 50, 0, 80, 0
      lines.append("{\"id\":\"").append(start).append("\",\"start_at_ms\":").append(start).append("}\n");
    }
    Files.writeString(calls, lines);
    DeliveryLag lag = DeliveryLag.of(calls);
    assertEquals(5, lag.records());
    assertEquals(0, lag.percentile(0.5));
    assertEquals(80, lag.percentile(0.99));
    assertEquals(80, lag.max());
    assertEquals(2, lag.behind(49));
    assertEquals(1, lag.behind(50));
    assertEquals(0, lag.behind(80));
  }

  @Test
  void addsUpTheLastLatenessLineOfEachWorker(@TempDir Path dir) throws Exception {
    String late = " WARN dev.callchain.pipeline.link.LatenessTracker - callchain: ";
    Path log = dir.resolve("child.log");
    Files.write(log, List.of(
        "12:00:01.000 [Link (1/2)#0]" + late + "5 calls arrived behind the watermark"
            + " (up to 900 ms, p99 800 ms, bound 100 ms); --maxOutOfOrderMs=1000 would have held them",
        "12:00:01.500 [Link (2/2)#0]" + late + "7 calls arrived behind the watermark"
            + " (up to 300 ms, p99 200 ms, bound 100 ms); --maxOutOfOrderMs=1000 would have held them",
        "something else",
        "12:00:11.000 [Link (1/2)#0]" + late + "1,234 calls arrived behind the watermark"
            + " (up to 2,500 ms, p99 2,000 ms, bound 100 ms); --maxOutOfOrderMs=3000 would have held them"));
    assertEquals(new Lateness(1241, 2500, 2000, 3000, 2), Lateness.fromLog(log));
    assertNull(Lateness.parse("callchain: run finished in 3.0 s"));
  }

  @Test
  void completenessCountsFoundAndExtraLinksPerSide() {
    LinkedOutput allPairs = Outputs.output(
        "{\"id\":\"p\",\"dst_ip\":\"10.1.0.1\",\"parents\":[],\"children\":[\"c1\",\"c2\"]}",
        "{\"id\":\"c1\",\"dst_ip\":\"10.2.0.1\",\"parents\":[\"p\"],\"children\":[]}",
        "{\"id\":\"c2\",\"dst_ip\":\"10.3.0.1\",\"parents\":[\"p\"],\"children\":[]}");
    LinkedOutput late = Outputs.output(
        "{\"id\":\"p\",\"dst_ip\":\"10.1.0.1\",\"parents\":[],\"children\":[\"c1\"]}",
        "{\"id\":\"c1\",\"dst_ip\":\"10.2.0.1\",\"parents\":[\"p\",\"q\"],\"children\":[]}",
        "{\"id\":\"c2\",\"dst_ip\":\"10.3.0.1\",\"parents\":[],\"children\":[]}");
    assertEquals(new LinkCompleteness(2, 1, 1), LinkCompleteness.ofParents(allPairs, late));
    assertEquals(new LinkCompleteness(2, 1, 0), LinkCompleteness.ofChildren(allPairs, late));
    assertEquals(0.5, LinkCompleteness.ofChildren(allPairs, late).share(), 1e-12);
  }
}

package dev.callchain.accuracy.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In Zipkin the backend's server span shares the client's id, and the database call names that id as parent. */
class ZipkinImportTest {
  @TempDir Path dir;

  @Test
  void aSharedServerSpanPairsWithItsClientAndParentsTheServerSideChildren() throws Exception {
    ImportRun run = ImportRun.of(dir, "--in", "traces/shop.zipkin.json");

    assertEquals(ShopTrace.expectedCalls("10.0.0.1", "10.0.0.2", "10.0.0.9"), run.calls());
    assertEquals(ShopTrace.expectedTruth("10.0.0.9"), run.truth());
  }
}

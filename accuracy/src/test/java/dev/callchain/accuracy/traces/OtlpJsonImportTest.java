package dev.callchain.accuracy.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpJsonImportTest {
  @TempDir Path dir;

  @Test
  void numericAndNamedKindsPodIpsAndTheDatabaseByServerAddress() throws Exception {
    ImportRun run = ImportRun.of(dir, "--in", "traces/shop.otlp.json");

    assertEquals(ShopTrace.expectedCalls("10.0.0.1", "10.0.0.2", "mongo-0"), run.calls());
    assertEquals(ShopTrace.expectedTruth("mongo-0"), run.truth());
  }
}

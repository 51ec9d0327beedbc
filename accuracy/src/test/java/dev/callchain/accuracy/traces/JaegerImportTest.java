package dev.callchain.accuracy.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JaegerImportTest {
  @TempDir Path dir;

  @Test
  void oneCallPerRpcAddressedByIpTheDatabaseByItsPeerAddress() throws Exception {
    ImportRun run = ImportRun.of(dir, "--in", "traces/shop.jaeger.json");

    assertEquals(ShopTrace.expectedCalls("10.0.0.1", "10.0.0.2", "10.0.0.9"), run.calls());
    assertEquals(ShopTrace.expectedTruth("10.0.0.9"), run.truth());
    assertTrue(run.stdout().contains(": 1 traces, 5 spans -> 3 calls by ip (1 roots with truth parent null, "
        + "1 to untraced callees); 0 spans with a parent missing"), run.stdout());
    assertTrue(run.stdout().contains("spans not calls: 1 server side of a client-timed call, 1 internal"),
        run.stdout());
  }

  @Test
  void addressByPodWhenAsked() throws Exception {
    ImportRun run =
        ImportRun.of(dir, "--in", "traces/shop.jaeger.json", "--address", "pod", "--format", "jaeger");

    assertEquals(ShopTrace.expectedCalls("frontend-6d4f8b7c9d-abcde", "backend-5f6e7d8c9b-fghij", "10.0.0.9"), run.calls());
  }
}

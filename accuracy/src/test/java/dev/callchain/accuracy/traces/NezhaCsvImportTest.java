package dev.callchain.accuracy.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shop trace without span kinds, in nanoseconds: kinds inferred, times truncated to µs, pods as addresses. */
class NezhaCsvImportTest {
  @TempDir Path dir;

  @Test
  void inferredKindsGiveTheSameCallsAddressedByPod() throws Exception {
    ImportRun run = ImportRun.of(dir, "--in", "traces/shop.otel.csv");

    // MongoFind has no peer tag in this format: its callee is named after the caller and the operation.
    assertEquals(ShopTrace.expectedCalls("frontend-6d4f8b7c9d-abcde", "backend-5f6e7d8c9b-fghij", "backend->MongoFind"),
        run.calls());
    assertEquals(ShopTrace.expectedTruth("backend->MongoFind"), run.truth());
  }

  @Test
  void serviceNamesComeFromThePodNames() throws Exception {
    ImportRun run = ImportRun.of(dir, "--in", "traces/shop.otel.csv", "--address", "service");

    assertEquals(ShopTrace.expectedCalls("frontend", "backend", "backend->MongoFind"), run.calls());
  }
}

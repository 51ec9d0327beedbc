package dev.callchain.accuracy.traces;

import static dev.callchain.accuracy.traces.ImportRun.call;
import static dev.callchain.accuracy.traces.ImportRun.id;
import static dev.callchain.accuracy.traces.ImportRun.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.accuracy.Flags;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportRulesTest {
  @TempDir Path dir;

  @Test
  void servicesSharingOneIpAreAddressedByName() throws Exception {
    ImportRun run = ImportRun.of(dir, "--in", "traces/one-host.jaeger.json");

    assertEquals(ShopTrace.expectedCalls("frontend", "backend", "10.0.0.9"), run.calls());
    assertTrue(run.stderr().contains("127.0.0.1"), run.stderr());
    assertTrue(run.stdout().contains("calls by service"), run.stdout());
  }

  @Test
  void noTraceOrSpanIdReachesTheCallLogAndTheSaltChangesEveryId() throws Exception {
    ImportRun plain = ImportRun.of(dir.resolve("plain"), "--in", "traces/shop.jaeger.json");
    ImportRun salted = ImportRun.of(dir.resolve("salted"), "--in", "traces/shop.jaeger.json", "--id-salt", "s1");

    for (String original : ShopTrace.SPAN_IDS) {
      assertFalse(plain.callLog().contains(original), original);
    }
    assertFalse(plain.callLog().contains(ShopTrace.TRACE_ID));
    assertEquals(id("s1", ShopTrace.TRACE_ID, "0c0c0c0c0c0c0c03"), salted.calls().get(1).get("id"));
    assertNotEquals(plain.calls().get(1).get("id"), salted.calls().get(1).get("id"));
  }

  @Test
  void aSpanWhoseParentIsMissingIsCountedAndItsCallHasNoParent() throws Exception {
    ImportRun run = ImportRun.of(dir, "--in", "traces/orphan.otel.csv");

    String trace = "77f3c2e1d0b9a8f7e6d5c4b3a2918070";
    String orphan = id("", trace, "1a1a1a1a1a1a1a11");
    String query = id("", trace, "2b2b2b2b2b2b2b22");
    String pod = "backend-5f6e7d8c9b-fghij";
    assertEquals(List.of(
        call(orphan, "external", pod, 1700000000002L, 1700000000006L, 1700000000002000L, 1700000000006000L),
        call(query, pod, "backend->SELECT_shop.items", 1700000000003L, 1700000000004L, 1700000000003000L,
            1700000000004000L)), run.calls());
    assertEquals(List.of(truth(orphan, null, id("", trace), "external", "backend"),
        truth(query, orphan, id("", trace), "backend", "backend->SELECT_shop.items")), run.truth());
    assertTrue(run.stdout().contains("1 spans with a parent missing from the trace"), run.stdout());
  }

  @Test
  void aMalformedSpanIsNamedWithItsFile() throws Exception {
    Path file = ImportRun.copy(dir, "traces/shop.jaeger.json");
    Files.writeString(file, Files.readString(file).replace("\"startTime\": 1700000000002000, ", ""));

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run("--in", file.toString()));

    assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
    assertTrue(error.getMessage().contains("span 0d0d0d0d0d0d0d04"), error.getMessage());
    assertTrue(error.getMessage().contains("startTime"), error.getMessage());
  }

  @Test
  void badOptionsAreUsageErrorsAndAMissingFileIsAnInputError() {
    assertThrows(Flags.UsageException.class, () -> run("--in", "x.json", "--address", "mac"));
    assertThrows(Flags.UsageException.class, () -> run("--in", "x.json", "--format", "pcap"));
    assertThrows(Flags.UsageException.class, () -> run("--address", "ip"));
    assertThrows(IOException.class, () -> run("--in", dir.resolve("absent.json").toString()));
  }

  private void run(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--calls", dir.resolve("c.jsonl").toString(), "--truth", dir.resolve("t.jsonl").toString()));
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    ImportCommand.run(all.toArray(String[]::new), quiet, quiet);
  }
}

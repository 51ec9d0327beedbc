package dev.callchain.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The heap another JVM holds right after a full collection, which it is asked for with the JDK's
 * own tools: {@code jcmd PID GC.run}, then {@code jstat -gc PID}. What survives a full collection
 * is the live data: its trend over a long run shows a leak, which the heap in use between
 * collections (a saw tooth) hides.
 */
final class HeapAfterGc {
  private HeapAfterGc() {}

  /** Megabytes in use after a full collection of the JVM {@code pid}. */
  static double megabytes(long pid) throws IOException, InterruptedException {
    run("jcmd", Long.toString(pid), "GC.run");
    String[] lines = run("jstat", "-gc", Long.toString(pid)).strip().split("\n");
    if (lines.length < 2) {
      throw new IOException("jstat -gc " + pid + " printed no figures");
    }
    List<String> names = List.of(lines[0].trim().split("\\s+"));
    String[] values = lines[1].trim().split("\\s+");
    double usedKb = 0;
    // Survivor spaces, eden and old generation in use, in KB.
    for (String used : List.of("S0U", "S1U", "EU", "OU")) {
      usedKb += Double.parseDouble(values[names.indexOf(used)]);
    }
    return usedKb / 1024;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }
}

package dev.callchain.e2e;

import dev.callchain.pipeline.testing.DeliveryAudit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The fault tests' figures, one Markdown table row per scenario, printed and added to {@code
 * target/reliability.md}, from which reports/reliability/RELIABILITY.md is written.
 */
final class ReliabilityReport {
  private static final Path FILE = Path.of("target", "reliability.md");

  private ReliabilityReport() {}

  /** @param recovery from the fault to the job running in full again (or the broker back) */
  static void add(String scenario, Duration recovery, DeliveryAudit audit) throws IOException {
    String row =
        String.format("| %s | %.1f s | %,d | %,d | %,d | %,d | %,d |%n", scenario, recovery.toMillis() / 1000.0,
            audit.recordsIn(), audit.idsOut(), audit.duplicates(), audit.missingIds(), audit.wrongIds());
    System.out.print("reliability: " + row);
    Files.writeString(FILE, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}

package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A page as a person's browser shows it: Debian's Chromium, headless, renders it (scripts run,
 * as the Zipkin UI needs), and its DOM and a screenshot are taken. {@code .ci/run} installs
 * Chromium; elsewhere, without it, the page is not looked at unless CALLCHAIN_REQUIRE_CHROMIUM is set.
 */
final class ChromiumPage {
  /** Where the screenshot of the last page shown is kept (reports/zipkin/ has a committed one). */
  static final Path SCREENSHOT = Repo.root().resolve("e2e/target/zipkin-trace.png");

  private static final long RENDER_MS = 20_000;

  private ChromiumPage() {}

  /** Renders {@code page}, asserts its text shows each of {@code texts}, and screenshots it. */
  static void show(URI page, Path work, Set<String> texts) throws Exception {
    Path chromium = find();
    if (chromium == null) {
      assertTrue(System.getenv("CALLCHAIN_REQUIRE_CHROMIUM") == null, "no chromium on the PATH (apt-get install chromium)");
      System.out.println("chromium: not installed here, page not looked at: " + page);
      return;
    }
    String dom = new String(run(chromium, work, "--dump-dom", page.toString()), StandardCharsets.UTF_8);
    for (String text : texts) {
      assertTrue(dom.contains(text), "the page " + page + " does not show " + text);
    }
    Files.createDirectories(SCREENSHOT.getParent());
    Files.deleteIfExists(SCREENSHOT);
    run(chromium, work, "--screenshot=" + SCREENSHOT, page.toString());
    assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot of " + page);
  }

  private static Path find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "chromium");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs Chromium on one page and returns what it printed; stops it and its helpers by pid. */
  private static byte[] run(Path chromium, Path work, String what, String page) throws Exception {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    Path output = work.resolve("chromium-output");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,900",
                "--virtual-time-budget=" + RENDER_MS, what, page));
    Process process =
        new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(work.resolve("chromium.log").toFile()).start();
    try {
      assertTrue(process.waitFor(RENDER_MS * 3, TimeUnit.MILLISECONDS), "chromium did not finish " + page);
      assertTrue(process.exitValue() == 0, "chromium exited with " + process.exitValue() + ": " + log(work));
      return Files.readAllBytes(output);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static String log(Path work) throws IOException {
    return Files.readString(work.resolve("chromium.log"));
  }
}

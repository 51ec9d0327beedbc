package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it ({@code scripts/demo}): it ends well, draws finished traces as trees,
 * links one in its Zipkin (which it checked holds the whole trace), and prints no WARN or ERROR.
 */
class DemoTest {
  private static final Pattern ZIPKIN_LINK =
      Pattern.compile("demo: trace \\S+ in Zipkin: http://127\\.0\\.0\\.1:\\d+/zipkin/traces/[0-9a-f]{32}");
  private static final Pattern TREE_CHILD = Pattern.compile("^ {4,}\\S+ -> \\S+  \\S+ ms  \\(parent score [0-9.]+\\)$");

  @TempDir Path work;

  @Test
  void theDemoShowsTracesAsTreesAndInZipkinQuietly() throws Exception {
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    Process demo =
        new ProcessBuilder("bash", "scripts/demo", "--count", "60")
            .directory(Repo.root().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      assertTrue(demo.waitFor(8, TimeUnit.MINUTES), "the demo did not end");
    } finally {
      // The demo stops its own Zipkin; if it hung, it and its children are stopped by pid.
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
    List<String> printed = Files.readAllLines(out, StandardCharsets.UTF_8);
    List<String> logged = Files.readAllLines(err, StandardCharsets.UTF_8);
    String all = String.join("\n", printed) + "\n" + String.join("\n", logged);
    assertEquals(0, demo.exitValue(), all);

    assertTrue(printed.stream().anyMatch(line -> line.startsWith("linked ")), "linked records printed");
    assertTrue(logged.stream().anyMatch(line -> ZIPKIN_LINK.matcher(line).matches()), "a Zipkin link:\n" + all);
    int summary = logged.indexOf("demo: the latest finished traces");
    assertTrue(summary >= 0, all);
    assertTrue(
        logged.subList(summary, logged.size()).stream().anyMatch(line -> TREE_CHILD.matcher(line).matches()),
        "a tree with a call under its parent:\n" + all);
    for (String line : all.split("\n")) {
      assertTrue(!line.contains(" WARN ") && !line.contains(" ERROR ") && !line.contains("Exception"), "not quiet: " + line);
    }
  }
}

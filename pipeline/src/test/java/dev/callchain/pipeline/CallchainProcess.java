package dev.callchain.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link CallchainMain} in a JVM of its own, as {@code java -jar callchain-pipeline.jar}
 * would, and keeps everything it printed and logged: its own log levels, not the test JVM's.
 */
final class CallchainProcess {
  private CallchainProcess() {}

  /** What the run printed on stdout and stderr together, how it ended, and how long it took. */
  record Outcome(int exitCode, String output, Duration took) {}

  /**
   * @param jvmFlags besides the JDK 17 module flags Flink needs, which come from this JVM's own
   */
  static Outcome run(Path logDir, Duration timeout, List<String> jvmFlags, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens") || flag.startsWith("--add-exports")) {
        command.add(flag);
      }
    }
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CallchainMain.class.getName()));
    command.addAll(args);
    Path log = Files.createTempFile(logDir, "callchain", ".log");
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "callchain did not end within " + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), took);
  }
}

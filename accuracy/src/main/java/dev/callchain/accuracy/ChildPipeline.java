package dev.callchain.accuracy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's self-contained jar as a child JVM (its own embedded Flink cluster), with its
 * stderr in a log file. Closing stops it by its own pid: a polite request first, then by force.
 */
final class ChildPipeline implements AutoCloseable {
  private static final long STOP_WAIT_SECONDS = 20;

  private final Process process;

  private ChildPipeline(Process process) {
    this.process = process;
  }

  /** Runs {@code java -jar jar args} (the jar's manifest opens the JDK modules Flink needs). */
  static ChildPipeline start(Path jar, List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-jar", jar.toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile())
        .start();
    return new ChildPipeline(process);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

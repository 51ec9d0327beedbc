package dev.callchain.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/stack} and other commands as a person would, as separate OS processes, with
 * the stack on free ports in its own folder so that it never meets a developer's own stack.
 */
final class StackProcesses implements AutoCloseable {
  final Path dir;
  final int kafkaPort;
  final int restPort;
  private final Map<String, String> environment;

  StackProcesses(Path dir) throws IOException {
    this.dir = dir;
    this.kafkaPort = freePort();
    this.restPort = freePort();
    this.environment =
        Map.of(
            "CALLCHAIN_STACK_DIR", dir.toString(),
            "CALLCHAIN_KAFKA_PORT", Integer.toString(kafkaPort),
            "CALLCHAIN_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()),
            "CALLCHAIN_FLINK_REST_PORT", Integer.toString(restPort),
            "CALLCHAIN_FLINK_RPC_PORT", Integer.toString(freePort()));
  }

  String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** What a command printed (stdout and stderr) and how it ended. */
  record Outcome(int exitCode, String output) {}

  Outcome stack(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Repo.root().resolve("scripts/stack").toString());
    command.addAll(List.of(args));
    return run(command, 600);
  }

  /**
   * Submits the pipeline jar to the stack, detached, with the README's command and the stack's
   * ports, reading the input topic from its start.
   */
  Outcome submit(String... options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "java", "-jar", Repo.root().resolve("pipeline/target/callchain-pipeline.jar").toString(),
                "--runnerConfig=runner-configs/flink-cluster.conf",
                "--flinkMaster=localhost:" + restPort,
                "--bootstrapServers=" + bootstrapServers(),
                "--autoOffsetReset=earliest"));
    command.addAll(List.of(options));
    return run(command, 300);
  }

  /** A process of the stack (kafka, jobmanager, taskmanager-N), by the pid the stack recorded. */
  ProcessHandle component(String name) throws IOException {
    long pid = Long.parseLong(Files.readString(dir.resolve("pids/" + name + ".pid")).trim());
    return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " (pid " + pid + ") is not running"));
  }

  /** Starts a command in the background with the stack's environment, its output to {@code log}. */
  Process launch(List<String> command, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(Repo.root().toFile()).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  Outcome run(List<String> command, long timeoutSeconds) throws Exception {
    Path log = Files.createTempFile(dir.getParent(), "command", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(Repo.root().toFile()).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Outcome(process.exitValue(), output);
  }

  /** Stops exactly what the stack started (by the pids it recorded) and removes its folder. */
  @Override
  public void close() throws Exception {
    Outcome stopped = stack("stop", "--clean");
    if (stopped.exitCode() != 0) {
      throw new AssertionError("stack stop failed:\n" + stopped.output());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

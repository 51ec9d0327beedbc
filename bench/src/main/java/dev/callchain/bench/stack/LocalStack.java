package dev.callchain.bench.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code scripts/stack} and other commands as a person would, as separate OS processes, with
 * the stack on free ports in a folder of its own, so that it never meets a developer's own stack:
 * for the end-to-end and fault tests, and the soak.
 */
public final class LocalStack implements AutoCloseable {
  public final Path dir;
  public final int kafkaPort;
  public final int restPort;
  public final int zipkinPort;
  private final Path repo;
  private final Map<String, String> environment;

  /** A stack in {@code dir}, run by the scripts of the repository at {@code repo}; nothing starts yet. */
  public LocalStack(Path repo, Path dir) throws IOException {
    this.repo = repo;
    this.dir = dir;
    this.kafkaPort = freePort();
    this.restPort = freePort();
    this.zipkinPort = freePort();
    this.environment =
        Map.of(
            "CALLCHAIN_STACK_DIR", dir.toString(),
            "CALLCHAIN_KAFKA_PORT", Integer.toString(kafkaPort),
            "CALLCHAIN_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()),
            "CALLCHAIN_FLINK_REST_PORT", Integer.toString(restPort),
            "CALLCHAIN_FLINK_RPC_PORT", Integer.toString(freePort()),
            "CALLCHAIN_ZIPKIN_PORT", Integer.toString(zipkinPort));
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** What a command printed (stdout and stderr) and how it ended. */
  public record Outcome(int exitCode, String output) {}

  public Outcome stack(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(repo.resolve("scripts/stack").toString());
    command.addAll(List.of(args));
    return run(command, 600);
  }

  /**
   * {@code scripts/stack start}: starts what is not running and waits for it to answer; fails with
   * what the script printed when it could not.
   */
  public void start() throws IOException, InterruptedException {
    Outcome started = stack("start");
    if (started.exitCode() != 0) {
      throw new IllegalStateException("scripts/stack start failed:\n" + started.output());
    }
  }

  /**
   * Submits the pipeline jar to the stack, detached, with the README's command and the stack's
   * ports, reading the input topic from its start.
   */
  public Outcome submit(String... options) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "java", "-jar", repo.resolve("pipeline/target/callchain-pipeline.jar").toString(),
                "--runnerConfig=runner-configs/flink-cluster.conf",
                "--flinkMaster=localhost:" + restPort,
                "--bootstrapServers=" + bootstrapServers(),
                "--autoOffsetReset=earliest"));
    command.addAll(List.of(options));
    return run(command, 300);
  }

  /** The simulator jar's command with {@code args}: it writes to this stack's broker. */
  public List<String> simulator(String... args) {
    List<String> command =
        new ArrayList<>(List.of("java", "-jar", repo.resolve("simulator/target/callchain-simulator.jar").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--bootstrap", bootstrapServers()));
    return command;
  }

  /** The pid of each process the stack runs, by component name, from the pid files it keeps. */
  public Map<String, Long> pids() throws IOException {
    Map<String, Long> pids = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir.resolve("pids"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        pids.put(name.substring(0, name.length() - ".pid".length()), Long.parseLong(Files.readString(file).trim()));
      }
    }
    return pids;
  }

  /** A process of the stack (kafka, jobmanager, taskmanager-N, zipkin), by the pid the stack recorded. */
  public ProcessHandle component(String name) throws IOException {
    long pid = Long.parseLong(Files.readString(dir.resolve("pids/" + name + ".pid")).trim());
    return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is not running"));
  }

  /** Starts a command in the background with the stack's environment, its output to {@code log}. */
  public Process launch(List<String> command, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Runs a command to its end, at most {@code timeoutSeconds}, with the stack's environment. */
  public Outcome run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
    Files.createDirectories(dir.getParent());
    Path log = Files.createTempFile(dir.getParent(), "command", ".log");
    Process process = launch(command, log);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Outcome(process.exitValue(), output);
  }

  /** Stops exactly what the stack started (by the pids it recorded) and removes its folder. */
  @Override
  public void close() throws IOException, InterruptedException {
    Outcome stopped = stack("stop", "--clean");
    if (stopped.exitCode() != 0) {
      throw new IllegalStateException("stack stop failed:\n" + stopped.output());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

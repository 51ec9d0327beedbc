package dev.callchain.zipkin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Zipkin server (the exec jar from Maven Central) as a child process: in-memory storage,
 * its HTTP API and UI on 127.0.0.1 only, and its Kafka collector reading lists of spans from a
 * topic. Stopped by its own pid: TERM, then KILL.
 */
public final class ZipkinServer implements AutoCloseable {
  /** Where {@code stack/zipkin} puts the server jar, relative to the repository root. */
  public static final String JAR = "stack/target/zipkin/zipkin-server.jar";

  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Process process;
  private final int port;
  private final ZipkinApi api;

  private ZipkinServer(Process process, int port) {
    this.process = process;
    this.port = port;
    this.api = new ZipkinApi(URI.create("http://" + HOST + ":" + port));
  }

  /** The server jar of the repository at {@code repo}. */
  public static Path jarIn(Path repo) {
    return repo.resolve(JAR);
  }

  /**
   * Starts the server from {@code jar} on {@code port} (0: a free one), collecting from
   * {@code topic} at {@code bootstrapServers}, its output to {@code log}; returns once its
   * {@code /health} says UP.
   */
  public static ZipkinServer start(Path jar, int port, String bootstrapServers, String topic, Path log)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no Zipkin server at " + jar + ": mvn -B package -pl stack/zipkin");
    }
    int chosen = port == 0 ? freePort() : port;
    ProcessBuilder builder = new ProcessBuilder(command(jar, chosen)).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    // Only these settings: Zipkin reads dozens of variables (QUERY_PORT, RABBIT_ADDRESSES...), and
    // one inherited by chance would change where it listens or what it collects from.
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.putAll(settings(bootstrapServers, topic));
    ZipkinServer server = new ZipkinServer(builder.start(), chosen);
    try {
      server.awaitHealthy(log);
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The environment Zipkin takes its storage and collector settings from. */
  private static Map<String, String> settings(String bootstrapServers, String topic) {
    return Map.of(
        "STORAGE_TYPE", "mem",
        "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
        "KAFKA_TOPIC", topic);
  }

  private static List<String> command(Path jar, int port) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Armeria's first (and only) port, replaced whole so it binds the loopback, not every address.
    return List.of(
        java, "-Xmx512m", "-jar", jar.toString(),
        "--armeria.ports[0].ip=" + HOST,
        "--armeria.ports[0].port=" + port,
        "--armeria.ports[0].protocols[0]=http");
  }

  private void awaitHealthy(Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Zipkin exited with " + process.exitValue() + ":\n" + tail(log));
      }
      try {
        if (api.health().equals("UP")) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Keep polling until the deadline.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Zipkin was not UP within " + STARTUP_TIMEOUT.toSeconds() + " s:\n" + tail(log));
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** The UI, as a person opens it. */
  public URI ui() {
    return URI.create("http://" + HOST + ":" + port + "/zipkin/");
  }

  public ZipkinApi api() {
    return api;
  }

  /** TERM to the server's own pid; KILL if it has not ended within 20 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

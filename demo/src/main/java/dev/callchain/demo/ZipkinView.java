package dev.callchain.demo;

import dev.callchain.pipeline.spans.SpanIds;
import dev.callchain.zipkin.ZipkinServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The demo's Zipkin: the real server (the jar Maven resolved) collecting the spans topic from the
 * demo's broker, and the address of a trace in its UI. Absent with --no-ui.
 */
final class ZipkinView implements AutoCloseable {
  /** Zipkin's usual port, taken when it is free. */
  private static final int USUAL_PORT = 9411;

  private final @Nullable ZipkinServer server;

  private ZipkinView(@Nullable ZipkinServer server) {
    this.server = server;
  }

  static ZipkinView none() {
    return new ZipkinView(null);
  }

  static ZipkinView start(String bootstrapServers, String topic, PrintStream err)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("callchain-demo-zipkin", ".log");
    ZipkinServer server =
        ZipkinServer.start(ZipkinServer.jarIn(Path.of("")), isFree(USUAL_PORT) ? USUAL_PORT : 0, bootstrapServers, topic, log);
    err.println("demo: Zipkin UI at " + server.ui() + " (its log: " + log + ")");
    return new ZipkinView(server);
  }

  boolean shown() {
    return server != null;
  }

  /** What Zipkin showed of a trace: its page once Zipkin held a span of every call, and the spans it held. */
  record Shown(Optional<URI> page, int spans) {}

  /** Where the UI shows the trace of this root, once Zipkin has all its calls (waits up to {@code wait}). */
  Shown trace(TraceTrees.FinishedTrace trace, Duration wait) throws InterruptedException {
    if (server == null) {
      return new Shown(Optional.empty(), 0);
    }
    String hex = SpanIds.hex(SpanIds.traceId(trace.rootId()));
    long deadline = System.nanoTime() + wait.toNanos();
    int spans = 0;
    do {
      try {
        spans = server.api().trace(hex).size();
        if (spans >= trace.calls()) {
          return new Shown(Optional.of(server.ui().resolve("traces/" + hex)), spans);
        }
      } catch (IOException notYet) {
        // Asked again until the deadline.
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    return new Shown(Optional.empty(), spans);
  }

  /** The UI's address. */
  URI ui() {
    return server.ui();
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }
}

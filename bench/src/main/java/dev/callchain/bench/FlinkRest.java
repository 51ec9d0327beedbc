package dev.callchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The REST API of a Flink cluster, for the figures Flink keeps per job, subtask and checkpoint:
 * the one a callchain run embeds (the FlinkRunner's {@code [local]}), or a session cluster's
 * ({@link #at}). The embedded cluster listens on a port of its own choosing and names it only in
 * an INFO log line, so the port is chosen here and handed to the run in a Flink configuration
 * file: {@link #pipelineOption()}, Beam's {@code --flinkConfDir}.
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ASK = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final String LINKER_STEP = "LinkAtAddress";

  /** One look at a running job: empty while what is awaited has not happened yet. */
  @FunctionalInterface
  interface Probe<T> {
    Optional<T> look(String job) throws IOException, InterruptedException;
  }

  private final @Nullable Path confDir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(ASK).build();

  private FlinkRest(@Nullable Path confDir, int port) {
    this.confDir = confDir;
    this.port = port;
  }

  /** A Flink configuration in a new folder under {@code parent}: the REST API on a free loopback port. */
  static FlinkRest configure(Path parent) throws IOException {
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent, "flink-conf-");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Files.writeString(dir.resolve("config.yaml"), String.join("\n",
        "# Written by the bench: where the embedded cluster's REST API listens.",
        "rest.address: 127.0.0.1",
        "rest.bind-address: 127.0.0.1",
        "rest.port: " + port,
        "# Per-subtask figures fresh to half a second (Flink's default: 10 s).",
        "metrics.fetcher.update-interval: 500", ""), StandardCharsets.UTF_8);
    return new FlinkRest(dir, port);
  }

  /** The REST API of a running cluster at {@code port} on the loopback. */
  public static FlinkRest at(int port) {
    return new FlinkRest(null, port);
  }

  /** The pipeline option that runs the embedded cluster with this configuration. */
  String pipelineOption() {
    return "--flinkConfDir=" + confDir;
  }

  /**
   * Looks at the run's job every half second until {@code probe} sees what it waits for; empty
   * when {@code limit} passes first. Until the cluster is up, its API refuses: not yet.
   */
  <T> Optional<T> await(Runs.LiveRun run, Duration limit, Probe<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      run.child().requireRunning();
      try {
        Optional<String> job = runningJob();
        if (job.isPresent()) {
          Optional<T> seen = probe.look(job.get());
          if (seen.isPresent()) {
            return seen;
          }
        }
      } catch (IOException notYet) {
        // The cluster is starting, or between answers.
      }
      Thread.sleep(POLL.toMillis());
    }
    return Optional.empty();
  }

  private Optional<String> runningJob() throws IOException, InterruptedException {
    for (JsonNode job : get("/jobs").path("jobs")) {
      if ("RUNNING".equals(job.path("status").asText())) {
        return Optional.of(job.path("id").asText());
      }
    }
    return Optional.empty();
  }

  /**
   * The job's vertex that the linker heads, with its subtasks: the one of the pipeline's step
   * LinkAtAddress (link/LinkByAddress), which Flink names after it; empty before the job has it.
   */
  Optional<JsonNode> linker(String job) throws IOException, InterruptedException {
    return vertex(job, LINKER_STEP);
  }

  /** The job's vertex whose name contains {@code step} (Flink names a chain after its steps). */
  public Optional<JsonNode> vertex(String job, String step) throws IOException, InterruptedException {
    for (JsonNode vertex : job(job).path("vertices")) {
      if (vertex.path("name").asText().contains(step)) {
        return Optional.of(get("/jobs/" + job + "/vertices/" + vertex.path("id").asText()));
      }
    }
    return Optional.empty();
  }

  /**
   * The sum over a vertex's subtasks of the one metric whose name ends with {@code suffix} (a Beam
   * counter is an operator metric named {@code <step>.<namespace>_<name>}); empty before any
   * subtask reported it.
   */
  public Optional<Long> metricSum(String job, JsonNode vertex, String suffix) throws IOException, InterruptedException {
    String metrics = "/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
    for (JsonNode metric : get(metrics)) {
      String id = metric.path("id").asText();
      if (id.endsWith(suffix)) {
        JsonNode sum = get(metrics + "?agg=sum&get=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).path(0).path("sum");
        return sum.isNumber() ? Optional.of(sum.asLong()) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The job: its state and its vertices with theirs. */
  public JsonNode job(String job) throws IOException, InterruptedException {
    return get("/jobs/" + job);
  }

  /** Every job the cluster knows: id, name and state of each. */
  public JsonNode jobs() throws IOException, InterruptedException {
    return get("/jobs/overview").path("jobs");
  }

  /** A metric Flink keeps for the whole job ({@code numRestarts}, ...); empty before it has it. */
  public Optional<Long> jobMetric(String job, String name) throws IOException, InterruptedException {
    JsonNode value = get("/jobs/" + job + "/metrics?get=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).path(0).path("value");
    return value.isMissingNode() ? Optional.empty() : Optional.of(Long.parseLong(value.asText()));
  }

  /** Flink's checkpoint statistics of the job. */
  public JsonNode checkpoints(String job) throws IOException, InterruptedException {
    return get("/jobs/" + job + "/checkpoints");
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(ASK).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }
}

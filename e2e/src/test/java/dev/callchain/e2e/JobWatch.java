package dev.callchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.bench.FlinkRest;
import dev.callchain.bench.stack.LocalStack;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** One job on the stack's Flink cluster, watched through its REST API. */
final class JobWatch {
  private static final Duration POLL = Duration.ofMillis(250);

  final String id;
  private final FlinkRest rest;

  private JobWatch(FlinkRest rest, String id) {
    this.rest = rest;
    this.id = id;
  }

  /** Submits the pipeline to the stack ({@link LocalStack#submit}) and finds its job. */
  static JobWatch submit(LocalStack stack, Duration limit, String... options) throws Exception {
    FlinkRest rest = FlinkRest.at(stack.restPort);
    Set<String> known = jobIds(rest);
    LocalStack.Outcome submitted = stack.submit(options);
    if (submitted.exitCode() != 0) {
      throw new AssertionError("the submission failed:\n" + submitted.output());
    }
    return newJob(rest, known, limit);
  }

  /** The job submitted since {@code known} were listed: the one whose id is new. */
  private static JobWatch newJob(FlinkRest rest, Set<String> known, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode job : rest.jobs()) {
        if (!known.contains(job.path("jid").asText())) {
          return new JobWatch(rest, job.path("jid").asText());
        }
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new AssertionError("no new job within " + limit);
  }

  private static Set<String> jobIds(FlinkRest rest) throws Exception {
    Set<String> ids = new HashSet<>();
    rest.jobs().forEach(job -> ids.add(job.path("jid").asText()));
    return ids;
  }

  String state() throws IOException, InterruptedException {
    return rest.job(id).path("state").asText();
  }

  /** The job runs and so does every task of it: after a restart, it has recovered. */
  boolean fullyRunning() throws IOException, InterruptedException {
    JsonNode job = rest.job(id);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    for (JsonNode vertex : job.path("vertices")) {
      if (!"RUNNING".equals(vertex.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  void awaitState(String state, Duration limit) throws Exception {
    await("state " + state, limit, () -> state.equals(state()));
  }

  /** Waits for a checkpoint completed after this call, so that a fault after it has one to restore. */
  void awaitNewCheckpoint(Duration limit) throws Exception {
    awaitState("RUNNING", limit);
    long before = completedCheckpoints();
    await("a completed checkpoint", limit, () -> completedCheckpoints() > before);
  }

  /** How often the job restarted since it was submitted (Flink's numRestarts). */
  long restarts() throws IOException, InterruptedException {
    return rest.jobMetric(id, "numRestarts").orElseThrow(() -> new AssertionError("no numRestarts for job " + id));
  }

  /**
   * Waits for the job to have restored its state, and returns from where: the checkpoint's or
   * savepoint's path, as Flink names it ({@code file:/...}).
   */
  String awaitRestoredFrom(Duration limit) throws Exception {
    awaitState("RUNNING", limit);
    await("a restore", limit, () -> rest.checkpoints(id).path("latest").path("restored").isObject());
    return rest.checkpoints(id).path("latest").path("restored").path("external_path").asText();
  }

  private long completedCheckpoints() throws IOException, InterruptedException {
    return rest.checkpoints(id).path("counts").path("completed").asLong();
  }

  /**
   * After a fault at {@code faultNanos}: waits for the job to leave the running state and come
   * back to it with every task running; returns how long that took from the fault.
   */
  Duration awaitRecovery(long faultNanos, Duration limit) throws Exception {
    await("the job to restart", limit, () -> !fullyRunning());
    await("the job to run again", limit, this::fullyRunning);
    return Duration.ofNanos(System.nanoTime() - faultNanos);
  }

  /** The sum over the subtasks of the vertex holding {@code step} of a callchain counter. */
  Optional<Long> counter(String step, String name) throws IOException, InterruptedException {
    Optional<JsonNode> vertex = rest.vertex(id, step);
    return vertex.isEmpty() ? Optional.empty() : rest.metricSum(id, vertex.get(), "callchain_" + name);
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static void await(String what, Duration limit, Condition condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + limit + " for " + what);
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}

package dev.callchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A checkpoint of a large state on the heap backend: callchain streams a dataset with a bound and
 * an idle flush longer than the dataset, so every call it reads stays held (twice: once under each
 * of its addresses); once the linker holds them all (its held_call_roles metric), the first
 * checkpoint Flink triggers after that is timed, as Flink's REST API reports it.
 */
final class CheckpointSection {
  /** The target: a checkpoint with about this many calls held completes in under {@link #TARGET_SECONDS}. */
  static final long TARGET_CALLS = 1_000_000;
  static final double TARGET_SECONDS = 10;
  /** Fewer calls held than this share of {@link #TARGET_CALLS} is not "about" them. */
  private static final double ABOUT = 0.9;
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
  /** The bound and the idle flush: longer than any dataset's event time and any run: nothing leaves. */
  static final Duration HOLD_ALL = Duration.ofDays(30);
  /** Time for the checkpoint after all calls are held: the interval, then its own duration. */
  private static final Duration CHECKPOINT_WAIT = Duration.ofMinutes(3);

  /**
   * @param heldCallRoles the linker's held_call_roles when all were held (two per call), 0 if never
   * @param checkpoint the first checkpoint completed after that, if one did in time
   * @param note why there is no checkpoint, else empty
   */
  record Result(Datasets.Dataset data, long heldCallRoles, Optional<CompletedCheckpoint> checkpoint, String note) {
    long callsHeld() {
      return heldCallRoles / 2;
    }
  }

  private final ObservedCallchain callchain;
  private final Log log;

  CheckpointSection(ObservedCallchain callchain, Log log) {
    this.callchain = callchain;
    this.log = log;
  }

  Result measure(Datasets.Dataset data) throws IOException, InterruptedException {
    List<String> options = List.of(
        "--maxOutOfOrderMs=" + HOLD_ALL.toMillis(),
        "--idleFlushMs=" + HOLD_ALL.toMillis(),
        "--checkpointingInterval=" + CHECKPOINT_INTERVAL.toMillis());
    long expectedRoles = 2 * data.records();
    Duration limit = StreamingDrain.limitFor(data.records());
    log.step("checkpoint: callchain holding all %,d records of %s (heap state, checkpoints every %d s)",
        data.records(), data.workload().name(), CHECKPOINT_INTERVAL.toSeconds());
    try (ObservedCallchain.Observed observed = callchain.start(data, options)) {
      FlinkRest rest = observed.rest();
      Runs.LiveRun run = observed.run();
      Optional<Long> held = rest.await(run, limit, job -> heldWhenAll(rest, job, expectedRoles));
      if (held.isEmpty()) {
        String why = "the linker did not hold all " + Format.number(expectedRoles) + " call roles within "
            + limit.toSeconds() + " s";
        log.result("checkpoint: not measured: %s", why);
        return new Result(data, 0, Optional.empty(), why);
      }
      long allHeldAt = System.currentTimeMillis();
      log.step("checkpoint: %,d call roles held; waiting for the next checkpoint", held.get());
      Optional<CompletedCheckpoint> checkpoint = rest.await(run, CHECKPOINT_WAIT, job ->
          CompletedCheckpoint.latest(rest.checkpoints(job)).filter(c -> c.triggeredAtMs() >= allHeldAt));
      Result result = new Result(data, held.get(), checkpoint,
          checkpoint.isPresent() ? "" : "no checkpoint completed within " + CHECKPOINT_WAIT.toSeconds() + " s");
      log.result("checkpoint: %s", describe(result));
      return result;
    }
  }

  /** The linker's held call roles, once they are {@code expected} or more. */
  private static Optional<Long> heldWhenAll(FlinkRest rest, String job, long expected)
      throws IOException, InterruptedException {
    Optional<JsonNode> linker = rest.linker(job);
    if (linker.isEmpty()) {
      return Optional.empty();
    }
    return rest.metricSum(job, linker.get(), CallchainMetrics.HELD).filter(roles -> roles >= expected);
  }

  /** "checkpoint 7 of 1,020,000 calls held (2,040,000 roles): 3,456 ms, 512 MB", or why not. */
  static String describe(Result result) {
    return result.checkpoint()
        .map(c -> String.format(Locale.ROOT, "checkpoint %d of %s calls held (%s roles): %s ms, %s MB", c.id(),
            Format.number(result.callsHeld()), Format.number(result.heldCallRoles()), Format.number(c.durationMs()),
            Format.megabytes(c.stateSizeBytes())))
        .orElse("n/a: " + result.note());
  }

  /**
   * The target, measured only where about {@link #TARGET_CALLS} calls were held: a checkpoint of
   * a smaller state says nothing about it.
   */
  static Target target(Result result) {
    String name = String.format(Locale.ROOT, "a checkpoint with about %s calls held (heap state) completes in",
        Format.number(TARGET_CALLS));
    if (result.checkpoint().isEmpty()) {
      return Target.notMeasured(name, Target.Bound.AT_MOST, TARGET_SECONDS, "s", result.note());
    }
    if (result.callsHeld() < ABOUT * TARGET_CALLS) {
      return Target.notMeasured(name, Target.Bound.AT_MOST, TARGET_SECONDS, "s",
          "only " + Format.number(result.callsHeld()) + " calls held");
    }
    return new Target(name, result.checkpoint().get().durationMs() / 1000.0, Target.Bound.AT_MOST,
        TARGET_SECONDS, "s", "");
  }

  static MarkdownTable table(Result result) {
    MarkdownTable table = new MarkdownTable("dataset", "records", "calls held", "call roles held",
        "checkpoint", "duration ms", "state size MB");
    String dataset = result.data().workload().name() + " " + result.data().workload().describe();
    Optional<CompletedCheckpoint> c = result.checkpoint();
    table.row(dataset, Format.number(result.data().records()), Format.number(result.callsHeld()),
        Format.number(result.heldCallRoles()),
        c.map(checkpoint -> String.valueOf(checkpoint.id())).orElse("n/a: " + result.note()),
        c.map(checkpoint -> Format.number(checkpoint.durationMs())).orElse("n/a"),
        c.map(checkpoint -> Format.megabytes(checkpoint.stateSizeBytes())).orElse("n/a"));
    return table;
  }
}

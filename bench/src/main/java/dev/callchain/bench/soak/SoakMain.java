package dev.callchain.bench.soak;

import dev.callchain.bench.CompletedCheckpoint;
import dev.callchain.bench.FlinkRest;
import dev.callchain.bench.Machine;
import dev.callchain.bench.StandaloneCommand;
import dev.callchain.bench.stack.LocalStack;
import dev.callchain.pipeline.options.EnvironmentDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A long run of the whole chain as a user runs it (scripts/soak): the local stack on free ports in
 * a folder of its own, the simulator streaming in real time at a rate the stack keeps up with, the
 * pipeline jar submitted with its defaults. It looks at the TaskManagers' heap after a full
 * collection, the checkpoints and the output's lag every so often, then stops the simulator, waits
 * for the output to drain and writes {@link SoakReport}. Everything it started it stops by pid.
 */
public final class SoakMain {
  private static final String USAGE = """
      Usage: scripts/soak [--minutes 30] [--traces-per-second 100] [--sample-seconds 60]
        [--report reports/reliability/SOAK.md] [--repo DIR]""";
  /** A call's output is due this long after its floor; one not out by then counts as missing. */
  private static final Duration GRACE = Duration.ofSeconds(30);
  /** After the simulator stops: the idle flush (60 s by default) emits what the watermark cannot. */
  private static final Duration DRAIN = Duration.ofMinutes(3);
  private static final int TASKMANAGERS = 2;

  record Options(int minutes, int tracesPerSecond, int sampleSeconds, Path report, Path repo) {
    static Options parse(String... args) {
      int minutes = 30;
      int rate = 100;
      int sample = 60;
      Path repo = Path.of("").toAbsolutePath();
      Path report = null;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--minutes" -> minutes = Integer.parseInt(value);
          case "--traces-per-second" -> rate = Integer.parseInt(value);
          case "--sample-seconds" -> sample = Integer.parseInt(value);
          case "--report" -> report = Path.of(value).toAbsolutePath();
          case "--repo" -> repo = Path.of(value).toAbsolutePath();
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (minutes <= 0 || rate <= 0 || sample <= 0) {
        throw new IllegalArgumentException("--minutes, --traces-per-second and --sample-seconds must be more than 0");
      }
      return new Options(minutes, rate, sample, report == null ? repo.resolve("reports/reliability/SOAK.md") : report, repo);
    }
  }

  private SoakMain() {}

  public static void main(String[] args) throws Exception {
    Options options = StandaloneCommand.optionsOrExit("soak", USAGE, () -> Options.parse(args));
    Path work = options.repo().resolve("bench/target/soak");
    Files.createDirectories(work);
    List<SoakReport.Sample> samples = new ArrayList<>();
    SoakReport.Completeness completeness;
    try (LocalStack stack = new LocalStack(options.repo(), work.resolve("stack"))) {
      stack.start();
      require(stack.submit(), "the pipeline's submission");
      FlinkRest rest = FlinkRest.at(stack.restPort);
      awaitRunning(rest);
      // Only now: calls the job could not read yet would measure its start, not its steady state.
      Process simulator =
          stack.launch(
              stack.simulator("--stream", "--realtime", "--interval", Double.toString(1000.0 / options.tracesPerSecond()),
                  "--ip-pool-size", "20", "--progress-every", "0"),
              work.resolve("simulator.log"));
      try (OutputLag lag = new OutputLag(stack.bootstrapServers(), "test-topic", "linked-topic",
          EnvironmentDefaults.MAX_OUT_OF_ORDER_MS)) {
        long start = System.nanoTime();
        long end = start + Duration.ofMinutes(options.minutes()).toNanos();
        long nextLook = start + Duration.ofSeconds(options.sampleSeconds()).toNanos();
        while (System.nanoTime() < end) {
          lag.catchUp();
          if (System.nanoTime() >= nextLook) {
            nextLook += Duration.ofSeconds(options.sampleSeconds()).toNanos();
            SoakReport.Sample sample = look(stack, rest, lag, (System.nanoTime() - start) / 60e9);
            samples.add(sample);
            System.err.printf("soak [%5.1f min] heap after GC %s MB, checkpoint %s, %,d calls due, %,d missing, p99 %.0f ms over floor%n",
                sample.minute(), sample.heapAfterGcMb(), sample.checkpoint().map(c -> c.id() + " " + c.stateSizeBytes() / 1_000_000 + " MB " + c.durationMs() + " ms").orElse("-"),
                sample.lag().calls(), sample.lag().missing(), sample.lag().p99OverFloorMs());
          }
        }
        simulator.destroy(); // SIGTERM: the simulator flushes what it generated, then exits
        simulator.waitFor();
        long drainEnd = System.nanoTime() + DRAIN.toNanos();
        do {
          lag.catchUp();
        } while (!lag.notOut().isEmpty() && System.nanoTime() < drainEnd);
        completeness = new SoakReport.Completeness(lag.idsIn(), lag.idsOut(), lag.notOut().size());
      } finally {
        if (simulator.isAlive()) {
          simulator.destroyForcibly().waitFor();
        }
      }
    }
    String command = "scripts/soak --minutes " + options.minutes() + " --traces-per-second " + options.tracesPerSecond()
        + " --sample-seconds " + options.sampleSeconds();
    SoakReport.write(options.report(), SoakReport.render(command, Machine.describe(), options, samples, completeness));
    System.err.println("soak: wrote " + options.report());
    if (completeness.missing() > 0) {
      System.exit(1);
    }
  }

  private static SoakReport.Sample look(LocalStack stack, FlinkRest rest, OutputLag lag, double minute) throws Exception {
    List<Double> heaps = new ArrayList<>();
    for (int i = 1; i <= TASKMANAGERS; i++) {
      heaps.add(HeapAfterGc.megabytes(stack.component("taskmanager-" + i).pid()));
    }
    Optional<CompletedCheckpoint> checkpoint = Optional.empty();
    for (var job : rest.jobs()) {
      if ("RUNNING".equals(job.path("state").asText())) {
        checkpoint = CompletedCheckpoint.latest(rest.checkpoints(job.path("jid").asText()));
      }
    }
    return new SoakReport.Sample(minute, heaps, checkpoint, lag.due(System.currentTimeMillis(), GRACE));
  }

  private static void awaitRunning(FlinkRest rest) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      for (var job : rest.jobs()) {
        if ("RUNNING".equals(job.path("state").asText())) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the submitted job did not run within 3 minutes");
  }

  private static void require(LocalStack.Outcome outcome, String what) {
    if (outcome.exitCode() != 0) {
      throw new IllegalStateException(what + " failed:\n" + outcome.output());
    }
  }
}

package dev.callchain.bench;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sustained keep-up ladder alone (section 6 of the bench), without the whole bench: starts a
 * broker in this JVM, climbs the rates, prints the table, the highest rate kept up and the target.
 * Exit 1 when no rate kept up, 2 for a bad option.
 */
public final class KeepUpMain {
  private static final String USAGE = """
      Usage: java -cp bench/target/callchain-bench.jar dev.callchain.bench.KeepUpMain
        [--rates 1000,2000,3000,4000,5000] [--run-seconds 75] [--warmup-seconds 20] [--heap 8g] [--repo DIR]
        [--pipeline-arg --option=value ...] (e.g. --pipeline-arg --exactlyOnce=true --pipeline-arg --checkpointingInterval=10000)""";

  /** The ladder, as {@code scripts/bench} runs it unless told otherwise, and where the child JVMs go. */
  record Options(BenchPlan.KeepUpPlan plan, String heap, Path repo) {
    static Options parse(String... args) {
      BenchPlan.KeepUpPlan full = BenchPlan.full().keepUp();
      List<Integer> rates = full.tracesPerSecond();
      Duration run = full.run();
      Duration warmup = full.warmup();
      String heap = "8g";
      Path repo = Path.of("").toAbsolutePath();
      List<String> pipelineOptions = new ArrayList<>();
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--rates" -> rates = Arrays.stream(value.split(",")).map(String::strip).map(Integer::valueOf).toList();
          case "--run-seconds" -> run = Duration.ofSeconds(Long.parseLong(value));
          case "--warmup-seconds" -> warmup = Duration.ofSeconds(Long.parseLong(value));
          case "--heap" -> heap = value;
          case "--repo" -> repo = Path.of(value).toAbsolutePath();
          case "--pipeline-arg" -> pipelineOptions.add(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0)) {
        throw new IllegalArgumentException("--rates must be traces per second, more than 0: " + rates);
      }
      KeepUpRun.requireMeasurable(run, warmup);
      return new Options(new BenchPlan.KeepUpPlan(rates, run, warmup, pipelineOptions), heap, repo);
    }
  }

  private KeepUpMain() {}

  public static void main(String[] args) throws Exception {
    StandaloneCommand.quietBrokerLogs();
    Options options = StandaloneCommand.optionsOrExit("keep-up", USAGE, () -> Options.parse(args));
    Log log = new Log(System.err);
    Path workDir = options.repo().resolve("bench/target/keep-up-run");
    KeepUpSection.Result result;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      Runs runs = Runs.onEmbeddedFlink(broker, options.heap(), workDir.resolve("logs"), options.repo());
      result = KeepUpSection.measure(options.plan(), runs, workDir.resolve("checkpoints"), log);
    }
    System.out.println(KeepUpSection.table(result).render());
    Target target = BenchResults.keepUpTarget(result);
    System.out.println(target.name() + " " + target.describeThreshold() + ": " + target.verdict());
    System.out.println("Machine: " + Machine.describe());
    System.exit(result.highestKeptUp().isPresent() ? 0 : 1);
  }
}

package dev.callchain.accuracy;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code bound-sweep}: how complete the links of a streaming run are as {@code maxOutOfOrderMs}
 * varies against the simulator's delivery delays. One dataset goes into a topic of an in-process
 * broker; for each bound the pipeline jar runs streaming as a child JVM until every id is in its
 * output topic, and its links are compared with the all-pairs result of a bounded file run.
 */
final class BoundSweep {
  static final String USAGE =
      "bound-sweep [--quick] [--out DIR (default <repo>/reports/accuracy)] [--traces N (default 5000,"
          + " quick 1000)]\n"
          + "       [--interval MS (default 10)] [--bounds MS,MS,... (default 100,1000,5000,15000,30000,"
          + "45000)]\n"
          + "       [--seed N (default 42)] [--repo DIR]";

  private static final long TRACES = 5_000;
  private static final long QUICK_TRACES = 1_000;
  private static final String BOUNDS = "100,1000,5000,15000,30000,45000";
  private static final String QUICK_BOUNDS = "100,1000,30000";
  private static final int PARTITIONS = 5;
  /** After the last id arrived: time for revisions or stragglers. */
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  /** The dataset the sweep ran on. */
  record Dataset(Simulation simulation, long traces, String interval, DeliveryLag lag, long acceptedIds) {}

  /**
   * One bound's outcome.
   *
   * @param ids distinct ids in the output topic when the run was stopped
   * @param lateness the pipeline's own lateness line, null when it logged none
   * @param seconds from starting the child JVM until every id was out (or the timeout)
   */
  record Point(long boundMs, long ids, LinkCompleteness parents, LinkCompleteness children,
               Lateness lateness, double seconds) {}

  private BoundSweep() {}

  static void run(String[] args, PrintStream out) throws Exception {
    Flags flags = new Flags(args, Set.of("--out", "--traces", "--interval", "--bounds", "--seed", "--repo"),
        Set.of("--quick"));
    boolean quick = flags.has("--quick");
    long traces = flags.longOr("--traces", quick ? QUICK_TRACES : TRACES);
    String interval = flags.getOr("--interval", "10");
    List<Long> bounds = bounds(flags.getOr("--bounds", quick ? QUICK_BOUNDS : BOUNDS));
    Path repo = RepoRoot.find(flags.get("--repo"));
    Path jar = repo.resolve("pipeline/target/callchain-pipeline.jar");
    if (!Files.isRegularFile(jar)) {
      throw new Flags.UsageException(jar + " is missing: build it with mvn -o -q package -DskipTests -pl pipeline");
    }
    Path outDir = flags.has("--out") ? Path.of(flags.get("--out")) : repo.resolve("reports/accuracy");
    long started = System.nanoTime();
    List<Point> points = new ArrayList<>();
    Dataset dataset;
    try (WorkDir work = WorkDir.create("callchain-bound-sweep");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      Simulation simulation = Simulation.run(
          List.of("--count", String.valueOf(traces), "--interval", interval,
              "--seed", String.valueOf(flags.longOr("--seed", 42))),
          work.resolve("calls.jsonl"), work.resolve("truth.jsonl"));
      LinkedOutput allPairs = allPairs(simulation, repo, work);
      dataset = new Dataset(simulation, traces, interval, DeliveryLag.of(simulation.calls()), allPairs.size());
      out.printf(Locale.ROOT, "%s records; lag behind the largest start: p50 %d ms, p99 %d ms, max %d ms%n",
          Figures.count(dataset.lag().records()), dataset.lag().percentile(0.5),
          dataset.lag().percentile(0.99), dataset.lag().max());
      broker.createTopic("calls", PARTITIONS);
      InputTopicWriter.send(simulation.calls(), broker.bootstrapServers(), "calls", PARTITIONS);
      for (long bound : bounds) {
        Point point = measure(bound, jar, repo, broker, allPairs, work);
        points.add(point);
        out.printf(Locale.ROOT, "bound %d ms: %s of %s ids out, parent links %s complete, %s not all-pairs,"
                + " %s late (pipeline), %s%n",
            bound, Figures.count(point.ids()), Figures.count(allPairs.size()),
            Figures.percent(point.parents().share()), Figures.count(point.parents().extra()),
            point.lateness() == null ? "n/a" : Figures.count(point.lateness().lateCalls()),
            Figures.seconds(point.seconds()));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Path markdown = BoundSweepReport.write(dataset, points, seconds, quick, outDir);
    out.println("bound sweep done in " + Figures.seconds(seconds) + ": " + markdown);
  }

  private static List<Long> bounds(String list) {
    List<Long> bounds = new ArrayList<>();
    for (String bound : list.split(",")) {
      try {
        bounds.add(Long.parseLong(bound.trim()));
      } catch (NumberFormatException e) {
        throw new Flags.UsageException("--bounds: expected whole milliseconds, got '" + bound + "'");
      }
    }
    return bounds;
  }

  /** The bounded file run's output: every link of the rule (SPEC §4). */
  private static LinkedOutput allPairs(Simulation simulation, Path repo, WorkDir work) throws IOException {
    Path linked = work.resolve("all-pairs.jsonl");
    FileRun.link(List.of("--runnerConfig=" + RepoRoot.flinkEmbeddedConfig(repo)), simulation.calls(), linked,
        work.resolve("all-pairs-dead-letters.jsonl"), List.of());
    return LinkedOutput.read(linked);
  }

  private static Point measure(long bound, Path jar, Path repo, EmbeddedKafkaBroker broker,
      LinkedOutput allPairs, WorkDir work) throws IOException, InterruptedException, ExecutionException {
    String name = "bound-" + bound;
    broker.createTopic(name + "-out", PARTITIONS);
    broker.createTopic(name + "-dead", 1);
    Path log = work.resolve(name + ".log");
    long started = System.nanoTime();
    LinkedOutput output;
    try (ChildPipeline child = ChildPipeline.start(jar, List.of(
        "--runnerConfig=" + RepoRoot.flinkEmbeddedConfig(repo),
        "--streaming=true",
        "--bootstrapServers=" + broker.bootstrapServers(),
        "--inputTopic=calls",
        "--outputTopic=" + name + "-out",
        "--deadLetterTopic=" + name + "-dead",
        "--consumerGroup=" + name + "-" + System.nanoTime(),
        "--autoOffsetReset=earliest",
        "--maxOutOfOrderMs=" + bound,
        "--idleFlushMs=3000",
        "--idlePartitionMs=2000"), log)) {
      output = new OutputTopicReader(broker.bootstrapServers(), name + "-out").readUntil(
          read -> read.size() >= allPairs.size() || !child.isAlive(), QUIET, RUN_TIMEOUT);
      if (!child.isAlive()) {
        throw new IllegalStateException("the pipeline for bound " + bound + " ms ended by itself:\n"
            + tail(log));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Point(bound, output.size(), LinkCompleteness.ofParents(allPairs, output),
        LinkCompleteness.ofChildren(allPairs, output), Lateness.lastIn(log), seconds);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}

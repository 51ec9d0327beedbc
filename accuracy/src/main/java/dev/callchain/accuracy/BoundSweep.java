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

/**
 * {@code bound-sweep}: how complete the links of a streaming run are as {@code maxOutOfOrderMs}
 * varies against the simulator's delivery delays. For each bound the pipeline jar runs streaming
 * as a child JVM on a fresh topic of an in-process broker, while the simulator writes one dataset
 * into that topic in real time (the same seed, ids and base time every time, so the same
 * records); once every id is in the output topic, its links are compared with the all-pairs
 * result of a bounded file run over the same records. Real time matters: a backlog read in one
 * go would be in before the watermark first moved, and nothing would be late.
 */
final class BoundSweep {
  static final String USAGE =
      "bound-sweep [--quick] [--out DIR (default <repo>/reports/accuracy)] [--traces N (default 5000,"
          + " quick 1000)]\n"
          + "       [--interval MS (default 10)] [--bounds MS,MS,... (default 1,10,100,1000,5000,15000,"
          + "30000,45000)]\n"
          + "       [--seed N (default 42)] [--repo DIR]";

  private static final long TRACES = 5_000;
  private static final long QUICK_TRACES = 1_000;
  private static final String BOUNDS = "1,10,100,1000,5000,15000,30000,45000";
  private static final String QUICK_BOUNDS = "1,100,30000";
  private static final int PARTITIONS = 5;
  /** For the child JVM's Flink cluster to start and its Kafka reader to take up every partition. */
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  /** After the last id arrived: time for revisions or stragglers. */
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  /**
   * The dataset the sweep ran on.
   *
   * @param flags the simulator flags that make exactly these records again
   */
  record Dataset(Simulation simulation, List<String> flags, long traces, String interval, DeliveryLag lag,
                 LinkedOutput allPairs) {}

  /**
   * One bound's outcome.
   *
   * @param ids ids of the dataset in the output topic when the run was stopped
   * @param foreignIds ids in the output topic that are not in the dataset (must be 0)
   * @param lateness the pipeline's own lateness line, null when it logged none
   * @param streamSeconds how long the simulator took to write the dataset in real time
   * @param seconds from starting the child JVM until every id was out (or the timeout)
   */
  record Point(long boundMs, long ids, long foreignIds, LinkCompleteness parents, LinkCompleteness children,
               Lateness lateness, double streamSeconds, double seconds) {}

  private BoundSweep() {}

  static void run(String[] args, PrintStream out) throws Exception {
    Flags flags = new Flags(args,
        Set.of("--out", "--traces", "--interval", "--bounds", "--seed", "--repo"),
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
      dataset = dataset(traces, interval, flags.longOr("--seed", 42), repo, work);
      out.printf(Locale.ROOT, "%s records; lag behind the largest start: p50 %d ms, p99 %d ms, max %d ms%n",
          Figures.count(dataset.lag().records()), dataset.lag().percentile(0.5),
          dataset.lag().percentile(0.99), dataset.lag().max());
      for (long bound : bounds) {
        Point point = measure(bound, dataset, jar, repo, broker, work);
        points.add(point);
        out.printf(Locale.ROOT, "bound %d ms: %s of %s ids out, parent links %s complete, %s not all-pairs,"
                + " %s late (pipeline), %s%n",
            bound, Figures.count(point.ids()), Figures.count(dataset.allPairs().size()),
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

  /**
   * The records in fast mode into a file, their lag, and their all-pairs result: a bounded file
   * run's output (SPEC §4).
   */
  private static Dataset dataset(long traces, String interval, long seed, Path repo, WorkDir work)
      throws IOException {
    List<String> flags = List.of("--count", String.valueOf(traces), "--interval", interval,
        "--seed", String.valueOf(seed), "--id-prefix", "call_", "--base-time-ms",
        String.valueOf(System.currentTimeMillis()));
    Path calls = work.resolve("calls.jsonl");
    Simulation simulation = Simulation.toFiles(flags, calls, work.resolve("truth.jsonl"));
    Path linked = work.resolve("all-pairs.jsonl");
    FileRun.link(List.of("--runnerConfig=" + RepoRoot.flinkEmbeddedConfig(repo)), calls, linked,
        work.resolve("all-pairs-dead-letters.jsonl"), List.of());
    return new Dataset(simulation, flags, traces, interval, DeliveryLag.of(calls), LinkedOutput.read(linked));
  }

  private static Point measure(long bound, Dataset dataset, Path jar, Path repo, EmbeddedKafkaBroker broker,
      WorkDir work) throws Exception {
    String name = "bound-" + bound;
    for (String topic : List.of(name + "-in", name + "-out")) {
      broker.createTopic(topic, PARTITIONS);
    }
    broker.createTopic(name + "-dead", 1);
    Path log = work.resolve(name + ".log");
    long started = System.nanoTime();
    LinkedOutput output;
    Simulation streamed;
    try (ChildPipeline child = ChildPipeline.start(jar, List.of(
        "--runnerConfig=" + RepoRoot.flinkEmbeddedConfig(repo),
        "--streaming=true",
        "--bootstrapServers=" + broker.bootstrapServers(),
        "--inputTopic=" + name + "-in",
        "--outputTopic=" + name + "-out",
        "--deadLetterTopic=" + name + "-dead",
        "--consumerGroup=" + name + "-" + System.nanoTime(),
        "--autoOffsetReset=earliest",
        "--maxOutOfOrderMs=" + bound,
        "--idleFlushMs=3000",
        "--idlePartitionMs=2000"), log)) {
      boolean ready = ReadinessProbe.await(broker.bootstrapServers(), name + "-in", PARTITIONS, name + "-out",
          dataset.simulation().config().baseTimeMs(), READY_TIMEOUT);
      checkAlive(child, bound, log);
      if (!ready) {
        throw new IllegalStateException("the pipeline for bound " + bound + " ms did not pass its probes through"
            + " within " + READY_TIMEOUT);
      }
      List<String> stream = new ArrayList<>(dataset.flags());
      stream.addAll(List.of("--realtime", "--bootstrap", broker.bootstrapServers(), "--topic", name + "-in",
          "--partitions", String.valueOf(PARTITIONS)));
      streamed = Simulation.run(stream);
      long expected = dataset.allPairs().size() + PARTITIONS;
      output = new OutputTopicReader(broker.bootstrapServers(), name + "-out").readUntil(
          read -> read.size() >= expected || !child.isAlive(), QUIET, RUN_TIMEOUT);
      checkAlive(child, bound, log);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long ids = output.records().stream().filter(r -> dataset.allPairs().get(r.id()) != null).count();
    long probes = output.records().stream().filter(r -> ReadinessProbe.isProbe(r.id())).count();
    return new Point(bound, ids, output.size() - ids - probes, LinkCompleteness.ofParents(dataset.allPairs(), output),
        LinkCompleteness.ofChildren(dataset.allPairs(), output), Lateness.fromLog(log), streamed.seconds(),
        seconds);
  }

  private static void checkAlive(ChildPipeline child, long bound, Path log) throws IOException {
    if (!child.isAlive()) {
      List<String> lines = Files.readAllLines(log);
      throw new IllegalStateException("the pipeline for bound " + bound + " ms ended by itself:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
  }
}

package dev.callchain.accuracy;

import dev.callchain.pipeline.CallchainMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code load-sweep}: for each load (request interval x addresses per service), simulates,
 * links the records with the pipeline (a bounded file run on the embedded Flink cluster), scores
 * the links against the truth, and writes ACCURACY.md and its plots.
 */
final class LoadSweep {
  static final String USAGE =
      "load-sweep [--quick] [--out DIR (default <repo>/reports/accuracy)] [--traces N (default 20000,"
          + " quick 1000)]\n"
          + "       [--seed N (default 42)] [--repo DIR] [--no-best-parent]";

  private static final double[] INTERVALS_MS = {200, 50, 10, 2, 0.5};
  private static final int[] POOL_SIZES = {10, 3};
  private static final double[] QUICK_INTERVALS_MS = {50, 2};
  private static final long TRACES = 20_000;
  private static final long QUICK_TRACES = 1_000;

  /** A request interval and the number of addresses per service. */
  record Load(double intervalMs, int poolSize) {
    String interval() {
      return Figures.plain(intervalMs);
    }
  }

  /** One load's outcome and what it cost. */
  record Point(Load load, Accuracy accuracy, long records, double simulateSeconds, double linkSeconds) {}

  /** What the sweep ran with, for the report's header. */
  record Settings(long traces, long seed, boolean bestParent, boolean quick) {}

  private LoadSweep() {}

  static void run(String[] args, PrintStream out) throws IOException {
    Flags flags = new Flags(args, Set.of("--out", "--traces", "--seed", "--repo"),
        Set.of("--quick", "--no-best-parent"));
    boolean quick = flags.has("--quick");
    Settings settings = new Settings(flags.longOr("--traces", quick ? QUICK_TRACES : TRACES),
        flags.longOr("--seed", 42), !flags.has("--no-best-parent"), quick);
    Path repo = RepoRoot.find(flags.get("--repo"));
    Path outDir = flags.has("--out") ? Path.of(flags.get("--out")) : repo.resolve("reports/accuracy");
    List<Load> loads = loads(quick);
    long started = System.nanoTime();
    List<Point> points = new ArrayList<>();
    try (WorkDir work = WorkDir.create("callchain-load-sweep")) {
      for (Load load : loads) {
        Point point = measure(load, settings, repo, work);
        points.add(point);
        out.printf(Locale.ROOT, "interval %s ms, pool %d: concurrency %s, rule precision %s,"
                + " best_parent precision %s (%s records, simulate %s, link %s)%n",
            load.interval(), load.poolSize(), Figures.decimal(point.accuracy().concurrency()),
            Figures.percent(point.accuracy().overall().precision()),
            AccuracyReport.bestParent(point.accuracy().overall().bestParentPrecision(),
                point.accuracy().hasBestParent()),
            Figures.count(point.records()), Figures.seconds(point.simulateSeconds()),
            Figures.seconds(point.linkSeconds()));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Path markdown = LoadSweepReport.write(points, settings, seconds, outDir);
    out.println("load sweep done in " + Figures.seconds(seconds) + ": " + markdown);
  }

  static List<Load> loads(boolean quick) {
    List<Load> loads = new ArrayList<>();
    for (double interval : quick ? QUICK_INTERVALS_MS : INTERVALS_MS) {
      for (int pool : POOL_SIZES) {
        loads.add(new Load(interval, pool));
      }
    }
    return loads;
  }

  private static Point measure(Load load, Settings settings, Path repo, WorkDir work) throws IOException {
    Path calls = work.resolve("calls.jsonl");
    Path truth = work.resolve("truth.jsonl");
    Simulation simulation = Simulation.toFiles(
        List.of("--count", String.valueOf(settings.traces()), "--interval", load.interval(),
            "--ip-pool-size", String.valueOf(load.poolSize()), "--seed", String.valueOf(settings.seed())),
        calls, truth);
    Path linked = work.resolve("linked.jsonl");
    CallchainMain.Run run = FileRun.link(
        List.of("--runnerConfig=" + RepoRoot.flinkEmbeddedConfig(repo)),
        calls, linked, work.resolve("dead-letters.jsonl"),
        settings.bestParent() ? List.of("--bestParent=true") : List.of());
    Accuracy accuracy = AccuracyScorer.score(GroundTruth.read(truth), LinkedOutput.read(linked));
    work.delete("calls.jsonl", "truth.jsonl", "linked.jsonl", "dead-letters.jsonl");
    return new Point(load, accuracy, simulation.summary().records(), simulation.seconds(), run.seconds());
  }
}

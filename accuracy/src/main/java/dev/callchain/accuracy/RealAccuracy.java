package dev.callchain.accuracy;

import dev.callchain.accuracy.traces.ImportedDataset;
import dev.callchain.pipeline.CallchainMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code real}: for each file of real traces, imports it at each load factor of {@link #LOADS}, links
 * each with the pipeline (a bounded file run on the embedded Flink cluster, with
 * {@code --bestParent=true}), and again with a skew tolerance, scores the links against the
 * traces' own parents, and writes REAL.md.
 */
final class RealAccuracy {
  static final String USAGE =
      "real [--quick] [--skewToleranceMs MS (default 2)] [--datasets DIR (default <repo>/../shared/datasets)]\n"
          + "       [--out DIR (default <repo>/reports/accuracy)] [--repo DIR]";
  /**
   * The skew tolerance the datasets are linked with: their hosts' clocks differ by 1 to 2 ms
   * (Jaeger's own exports warn of it), which this covers without taking in the next sibling.
   */
  static final long DEFAULT_SKEW_TOLERANCE_MS = 2;
  /** Load factors: 1 is the load the traces were recorded at. */
  static final List<Integer> LOADS = List.of(1, 4);
  /** Traces per file with {@code --quick}: a first look, or a test, in seconds per dataset. */
  private static final long QUICK_TRACES = 200;

  /**
   * One dataset at one load: its outcome overall and per service pair, and what linking cost, as
   * callchain links by default; and its outcome with the skew tolerance.
   */
  record Point(String dataset, int load, int calls, Accuracy accuracy, Map<String, LinkTally> byServicePair,
      double linkSeconds, Accuracy withSkewTolerance) {}

  /** One file run's outcome. */
  private record Linked(Accuracy accuracy, Map<String, LinkTally> byServicePair, double seconds) {}

  private RealAccuracy() {}

  static void run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Flags flags = new Flags(args, Set.of("--datasets", "--out", "--repo", "--skewToleranceMs"), Set.of("--quick"));
    boolean quick = flags.has("--quick");
    long skewToleranceMs =
        flags.has("--skewToleranceMs") ? Long.parseLong(flags.get("--skewToleranceMs")) : DEFAULT_SKEW_TOLERANCE_MS;
    Path repo = RepoRoot.find(flags.get("--repo"));
    Path datasets = flags.has("--datasets") ? Path.of(flags.get("--datasets"))
        : repo.resolve("../shared/datasets").normalize();
    Path outDir = flags.has("--out") ? Path.of(flags.get("--out")) : repo.resolve("reports/accuracy");
    List<DatasetFile> files = DatasetFile.in(datasets);
    if (files.isEmpty()) {
      throw new Flags.UsageException("no trace files (NAME.jaeger|otel|otlp|zipkin.EXT) in " + datasets);
    }
    long started = System.nanoTime();
    List<Point> points = new ArrayList<>();
    try (WorkDir work = WorkDir.create("callchain-real")) {
      for (DatasetFile file : files) {
        long traces = quick ? QUICK_TRACES : ImportedDataset.ALL_TRACES;
        ImportedDataset dataset = ImportedDataset.read(file.path(), traces, err);
        out.println(dataset.summary());
        for (int load : LOADS) {
          Point point = measure(file.name(), load, dataset.atLoad(load), skewToleranceMs, repo, work);
          points.add(point);
          out.printf(Locale.ROOT, "%s at %dx load: %s calls, best_parent precision %s, recall %s (link %s)%n",
              point.dataset(), load, Figures.count(point.calls()),
              Figures.percent(point.accuracy().overall().bestParentPrecision()),
              Figures.percent(point.accuracy().overall().bestParentRecall()), Figures.seconds(point.linkSeconds()));
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String command = "scripts/accuracy real" + (quick ? " --quick" : "")
        + (skewToleranceMs == DEFAULT_SKEW_TOLERANCE_MS ? "" : " --skewToleranceMs " + skewToleranceMs);
    Path markdown = RealReport.write(points, command, skewToleranceMs, seconds, outDir);
    out.println("real traces done in " + Figures.seconds(seconds) + ": " + markdown);
  }

  private static Point measure(
      String name, int load, ImportedDataset dataset, long skewToleranceMs, Path repo, WorkDir work)
      throws IOException {
    Path calls = work.resolve("calls.jsonl");
    Path truthFile = work.resolve("truth.jsonl");
    dataset.write(calls, truthFile);
    GroundTruth truth = GroundTruth.read(truthFile);
    Linked plain = link(calls, truth, 0, repo, work);
    Linked tolerant = link(calls, truth, skewToleranceMs, repo, work);
    work.delete("calls.jsonl", "truth.jsonl");
    return new Point(name, load, dataset.calls(), plain.accuracy(), plain.byServicePair(), plain.seconds(),
        tolerant.accuracy());
  }

  private static Linked link(Path calls, GroundTruth truth, long skewToleranceMs, Path repo, WorkDir work)
      throws IOException {
    Path linked = work.resolve("linked.jsonl");
    CallchainMain.Run run = FileRun.link(List.of("--runnerConfig=" + RepoRoot.flinkEmbeddedConfig(repo)),
        calls, linked, work.resolve("dead-letters.jsonl"),
        List.of("--bestParent=true", "--skewToleranceMs=" + skewToleranceMs));
    LinkedOutput output = LinkedOutput.read(linked);
    work.delete("linked.jsonl", "dead-letters.jsonl");
    return new Linked(AccuracyScorer.score(truth, output), ServicePairScorer.score(truth, output), run.seconds());
  }
}

package dev.callchain.bench;

import dev.callchain.pipeline.link.CallIndexBenchmark;
import dev.callchain.report.LinePlot;
import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Section 9: JMH microbenchmarks of the linking index ({@link CallIndexBenchmark}), in a forked
 * JVM, by calls held: the cost of a lookup and of a whole admission.
 */
final class JmhSection {
  /** The benchmark of one whole arrival, the one the scaling target is judged on. */
  static final String ADMIT = "admit";

  /** One benchmark at one held count: nanoseconds per operation and JMH's error (99.9%). */
  record Score(String benchmark, int held, double nanos, double error) {}

  private final Path logFile;
  private final Log log;

  JmhSection(Path logFile, Log log) {
    this.logFile = logFile;
    this.log = log;
  }

  List<Score> measure(BenchPlan.JmhPlan plan) throws RunnerException {
    log.step("JMH: %s, held %s, %d warm-up + %d iterations of %d ms, 1 fork (log: %s)",
        CallIndexBenchmark.class.getSimpleName(), plan.held(), plan.warmups(), plan.iterations(),
        plan.iterationTime().toMillis(), logFile);
    Options options =
        new OptionsBuilder()
            .include(CallIndexBenchmark.class.getName() + "\\.")
            .param("held", plan.held().stream().map(String::valueOf).toArray(String[]::new))
            .forks(1)
            .warmupIterations(plan.warmups())
            .warmupTime(TimeValue.milliseconds(plan.iterationTime().toMillis()))
            .measurementIterations(plan.iterations())
            .measurementTime(TimeValue.milliseconds(plan.iterationTime().toMillis()))
            .jvmArgs("-Xmx2g")
            .output(logFile.toString())
            .build();
    return scores(new Runner(options).run());
  }

  static List<Score> scores(Collection<RunResult> results) {
    List<Score> scores = new ArrayList<>();
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      scores.add(new Score(label.substring(label.lastIndexOf('.') + 1),
          Integer.parseInt(result.getParams().getParam("held")),
          result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
    }
    scores.sort(Comparator.comparing(Score::benchmark).thenComparingInt(Score::held));
    return scores;
  }

  /**
   * The cost of one benchmark at its largest held count against its smallest, and what logarithmic
   * growth would allow: log2(1 + most) / log2(1 + least).
   */
  record Growth(String benchmark, int leastHeld, int mostHeld, double costRatio, double logarithmicRatio) {}

  static Growth growth(List<Score> scores, String benchmark) {
    List<Score> series = scores.stream().filter(s -> s.benchmark().equals(benchmark))
        .sorted(Comparator.comparingInt(Score::held)).toList();
    if (series.size() < 2) {
      throw new IllegalArgumentException("need two held counts of " + benchmark + ": " + scores);
    }
    Score least = series.get(0);
    Score most = series.get(series.size() - 1);
    return new Growth(benchmark, least.held(), most.held(), most.nanos() / least.nanos(),
        log2(1 + most.held()) / log2(1 + least.held()));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  static MarkdownTable table(List<Score> scores) {
    MarkdownTable table = new MarkdownTable("benchmark", "calls held", "ns/op", "± (99.9%)");
    for (Score s : scores) {
      table.row(s.benchmark(), Format.number(s.held()), Format.number(s.nanos()), Format.number(s.error()));
    }
    return table;
  }

  static Path plot(List<Score> scores, Path dir) throws IOException {
    Map<String, List<Score>> byBenchmark = new TreeMap<>();
    scores.forEach(s -> byBenchmark.computeIfAbsent(s.benchmark(), b -> new ArrayList<>()).add(s));
    LinePlot plot = LinePlot.titled("CallIndex (JMH): cost per operation vs calls held",
        "calls held per address", "ns per operation").logX().logY();
    byBenchmark.forEach((name, list) -> plot.series(name,
        list.stream().mapToDouble(Score::held).toArray(), list.stream().mapToDouble(Score::nanos).toArray()));
    Path png = dir.resolve("jmh-call-index.png");
    plot.writePng(png);
    return png;
  }
}

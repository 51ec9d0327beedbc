package dev.callchain.pipeline;

import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.EnvironmentDefaults;
import dev.callchain.pipeline.options.OptionsReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * Runs the linking pipeline: {@code java -jar callchain-pipeline.jar --runner=DirectRunner
 * --inputFile=calls.jsonl --outputFile=linked.jsonl}. Exit 0 on success, 2 for a bad option, 1
 * when the run cannot start or fails.
 */
public final class CallchainMain {
  private CallchainMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return execute(args, env, out, err).exitCode();
  }

  /**
   * How a run ended: its exit code, its wall time from submission, and its metrics (counters by
   * name; a distribution as {@code <name>_max}), empty when it never ran or was detached.
   */
  public record Run(int exitCode, double seconds, Map<String, Long> metrics) {}

  /** Runs the pipeline in this JVM as {@link #main} would, for the benchmarks and sweeps. */
  public static Run execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    CallchainOptions options;
    try {
      options = OptionsReader.read(args, env);
    } catch (IllegalArgumentException e) {
      err.println("callchain: " + e.getMessage());
      err.println("Options: --help=CallchainOptions; the defaults are in the README.");
      return new Run(2, 0, Map.of());
    }
    try {
      Preflight.check(options);
    } catch (Preflight.Failure e) {
      err.println("callchain: " + e.getMessage());
      return new Run(1, 0, Map.of());
    }
    if (!OptionsReader.isFinite(options) && options.getCheckpointingInterval() < 0) {
      options.setCheckpointingInterval(EnvironmentDefaults.CHECKPOINT_INTERVAL_MS);
    }
    stageOnlyThisJar(options);
    Pipeline pipeline = build(options);
    long started = System.nanoTime();
    PipelineResult result = pipeline.run();
    if (!options.as(FlinkPipelineOptions.class).getAttachedMode()) {
      out.println("callchain: job submitted (detached), state " + result.getState());
      return new Run(0, 0, Map.of());
    }
    PipelineResult.State state = result.waitUntilFinish();
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Long> metrics = MetricsReport.metrics(result);
    MetricsReport.print(metrics, seconds, err);
    if (state != PipelineResult.State.DONE) {
      err.println("callchain: the run ended " + state);
      return new Run(1, seconds, metrics);
    }
    return new Run(0, seconds, metrics);
  }

  /**
   * The job every run submits. Its transforms' full names are the Flink operators' uids, which a
   * savepoint's state is restored by (SavepointCompatibilityTest).
   */
  static Pipeline build(CallchainOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply("Callchain", new CallchainPipeline(options));
    return pipeline;
  }

  /**
   * A cluster needs the pipeline's classes: stage this self-contained jar rather than every jar
   * of the launching classpath (as a Maven launch would).
   */
  private static void stageOnlyThisJar(CallchainOptions options) {
    String master = options.getFlinkMaster();
    boolean remote = !"[local]".equals(master) && !"[auto]".equals(master) && !"[collection]".equals(master);
    if (!remote || options.getFilesToStage() != null) {
      return;
    }
    try {
      Path jar = Path.of(CallchainMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (jar.toString().endsWith(".jar")) {
        options.setFilesToStage(List.of(jar.toString()));
      }
    } catch (URISyntaxException | SecurityException e) {
      // Leave staging to the runner's default.
    }
  }
}

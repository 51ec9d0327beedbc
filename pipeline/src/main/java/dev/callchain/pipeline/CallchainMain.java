package dev.callchain.pipeline;

import dev.callchain.pipeline.options.CallchainOptions;
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
    CallchainOptions options;
    try {
      options = OptionsReader.read(args, env);
    } catch (IllegalArgumentException e) {
      err.println("callchain: " + e.getMessage());
      err.println("Options: --help=CallchainOptions; the defaults are in the README.");
      return 2;
    }
    try {
      Preflight.check(options);
    } catch (Preflight.Failure e) {
      err.println("callchain: " + e.getMessage());
      return 1;
    }
    boolean bounded = options.getInputFile() != null || options.getMaxRecords() != null;
    if (!bounded && options.getCheckpointingInterval() < 0) {
      options.setCheckpointingInterval(10_000L);
    }
    stageOnlyThisJar(options);
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply("Callchain", new CallchainPipeline(options));
    long started = System.nanoTime();
    PipelineResult result = pipeline.run();
    if (!options.as(FlinkPipelineOptions.class).getAttachedMode()) {
      out.println("callchain: job submitted (detached), state " + result.getState());
      return 0;
    }
    PipelineResult.State state = result.waitUntilFinish();
    MetricsReport.print(result, (System.nanoTime() - started) / 1e9, err);
    if (state != PipelineResult.State.DONE) {
      err.println("callchain: the run ended " + state);
      return 1;
    }
    return 0;
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

package dev.callchain.accuracy;

import dev.callchain.pipeline.CallchainMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bounded pipeline run in this JVM over a file of call records: its output is the all-pairs
 * result (SPEC §4). Fails with the pipeline's own messages when the run does not succeed.
 */
final class FileRun {
  private FileRun() {}

  /**
   * @param runnerArgs how to run, e.g. {@code --runnerConfig=...} or {@code --runner=DirectRunner}
   * @param extra further pipeline options, e.g. {@code --bestParent=true}
   */
  static CallchainMain.Run link(List<String> runnerArgs, Path calls, Path linked, Path deadLetters,
      List<String> extra) {
    List<String> args = new ArrayList<>(runnerArgs);
    args.add("--inputFile=" + calls);
    args.add("--outputFile=" + linked);
    args.add("--deadLetterFile=" + deadLetters);
    args.addAll(extra);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(log, true, StandardCharsets.UTF_8);
    // The environment is left out so that a shell's KAFKA_* or SIMPY_* cannot change the run.
    CallchainMain.Run run = CallchainMain.execute(args.toArray(new String[0]), Map.of(),
        new PrintStream(PrintStream.nullOutputStream()), err);
    if (run.exitCode() != 0) {
      throw new IllegalStateException("the pipeline run " + args + " failed (exit " + run.exitCode()
          + "):\n" + log.toString(StandardCharsets.UTF_8));
    }
    return run;
  }
}

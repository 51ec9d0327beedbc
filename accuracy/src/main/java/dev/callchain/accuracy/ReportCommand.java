package dev.callchain.accuracy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * {@code report}: scores one pipeline output (a JSON Lines file, or an output topic read from
 * the start) against the simulator's truth file; prints the result and writes it as Markdown
 * and a PNG when asked.
 */
final class ReportCommand {
  static final String USAGE =
      "report --truth truth.jsonl (--output linked.jsonl | --bootstrapServers H --outputTopic T)\n"
          + "       [--markdown FILE] [--png FILE] [--quietMs MS (default 5000)]";
  private static final long DEFAULT_QUIET_MS = 5000;
  private static final Duration TOPIC_TIMEOUT = Duration.ofMinutes(30);

  private ReportCommand() {}

  static void run(String[] args, PrintStream out) throws IOException {
    Flags flags = new Flags(args,
        Set.of("--truth", "--output", "--bootstrapServers", "--outputTopic", "--markdown", "--png",
            "--quietMs"),
        Set.of());
    if (flags.has("--output") == flags.has("--outputTopic")) {
      throw new Flags.UsageException("give either --output FILE or --bootstrapServers and --outputTopic");
    }
    GroundTruth truth = GroundTruth.read(Path.of(flags.require("--truth")));
    String source;
    LinkedOutput output;
    if (flags.has("--output")) {
      source = flags.get("--output");
      output = LinkedOutput.read(Path.of(source));
    } else {
      source = "topic " + flags.get("--outputTopic");
      output = new OutputTopicReader(flags.require("--bootstrapServers"), flags.get("--outputTopic"))
          .readUntilQuiet(Duration.ofMillis(flags.longOr("--quietMs", DEFAULT_QUIET_MS)), TOPIC_TIMEOUT);
    }
    Accuracy accuracy = AccuracyScorer.score(truth, output);
    String text = "# Link accuracy of " + source + "\n\n"
        + Figures.count(output.size()) + " output records scored against "
        + Figures.count(truth.size()) + " truth records.\n\n" + AccuracyReport.markdown(accuracy);
    out.print(text);
    if (flags.has("--markdown")) {
      Path markdown = Path.of(flags.get("--markdown"));
      createParent(markdown);
      Files.writeString(markdown, text, StandardCharsets.UTF_8);
    }
    if (flags.has("--png")) {
      AccuracyReport.writeParentCountPng(accuracy, Path.of(flags.get("--png")));
    }
  }

  static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}

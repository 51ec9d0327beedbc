package dev.callchain.pipeline.graph;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Prints the live service graph (scripts/graph): reads the pipeline's --edgesTopic from its start,
 * keeps the newest window of each edge and prints the table every --refreshSeconds, or once
 * (--once, or from a --edgesFile); --png also draws it.
 */
public final class ShowGraph {
  /** Moves the cursor home and clears the terminal, so the table refreshes in place. */
  private static final String CLEAR_SCREEN = "\033[H\033[2J";

  private ShowGraph() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    ShowGraphOptions options;
    try {
      PipelineOptionsFactory.register(ShowGraphOptions.class);
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(ShowGraphOptions.class);
    } catch (IllegalArgumentException e) {
      err.println("graph: " + e.getMessage());
      err.println("Options: --help=ShowGraphOptions.");
      return 2;
    }
    try {
      LiveGraph graph = new LiveGraph();
      if (options.getEdgesFile() != null) {
        readFile(options.getEdgesFile(), graph);
        show(graph, options, out);
        return 0;
      }
      try (GraphTopic topic = new GraphTopic(options, err)) {
        topic.readToEnd(graph);
        show(graph, options, out);
        while (!options.getOnce()) {
          topic.readFor(Duration.ofSeconds(options.getRefreshSeconds()), graph);
          out.print(CLEAR_SCREEN);
          show(graph, options, out);
        }
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("graph: " + e.getMessage());
      return 1;
    }
  }

  private static void readFile(String file, LiveGraph graph) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      try {
        if (!lines.get(i).isBlank()) {
          graph.add(GraphJson.read(lines.get(i).getBytes(StandardCharsets.UTF_8)));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
  }

  private static void show(LiveGraph graph, ShowGraphOptions options, PrintStream out) throws IOException {
    out.print(GraphTable.render(graph));
    out.flush();
    if (options.getPng() != null) {
      GraphDrawing.of(graph).writePng(Path.of(options.getPng()));
    }
  }
}

package dev.callchain.bench.soak;

import dev.callchain.bench.CompletedCheckpoint;
import dev.callchain.report.MarkdownTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SOAK.md: what a long run did to the heap, the checkpoints and the output's lag, over time. */
final class SoakReport {
  /** One look at the running stack. */
  record Sample(double minute, List<Double> heapAfterGcMb, Optional<CompletedCheckpoint> checkpoint, OutputLag.Window lag) {}

  /** How the run ended: every id in, every id out once the simulator stopped and the output drained. */
  record Completeness(int idsIn, int idsOut, int missing) {}

  private SoakReport() {}

  static String render(String command, String machine, SoakMain.Options options, List<Sample> samples,
      Completeness completeness) {
    StringBuilder md = new StringBuilder();
    md.append("# Soak\n\n");
    md.append("`").append(command).append("`: the local stack (a KRaft broker, a Flink JobManager and two")
        .append(" TaskManagers, `scripts/stack`), the simulator streaming in real time at ")
        .append(options.tracesPerSecond()).append(" traces/s (`--ip-pool-size 20`), the pipeline jar submitted")
        .append(" with its defaults (checkpoints every 60 s, on the heap), for ").append(options.minutes())
        .append(" minutes; a look every ").append(options.sampleSeconds()).append(" s. Machine: ")
        .append(machine).append(".\n\n");
    md.append("- **Heap after a full collection** (`jcmd PID GC.run`, then `jstat -gc PID`), per TaskManager: ")
        .append(heapTrend(samples)).append('\n');
    md.append("- **Output complete**: ").append(String.format("%,d ids in, %,d out, %,d missing",
        completeness.idsIn(), completeness.idsOut(), completeness.missing()))
        .append(completeness.missing() == 0 ? " (complete)" : " (INCOMPLETE)").append(".\n");
    md.append("- **Output lag**: per look, the calls whose output fell due since the last look (30 s past its")
        .append(" floor: the call's end plus the out-of-orderness bound, or its arrival if later), how many")
        .append(" were not out by then, and how far past the floor the others came out.\n\n");
    MarkdownTable table = new MarkdownTable("minute", "heap after GC, MB (per TaskManager)", "checkpoint",
        "checkpoint size, MB", "checkpoint duration, ms", "calls due", "not out by then", "p50 over floor, ms",
        "p99 over floor, ms");
    for (Sample s : samples) {
      List<String> heaps = new ArrayList<>();
      s.heapAfterGcMb().forEach(mb -> heaps.add(String.format("%.0f", mb)));
      table.row(String.format("%.1f", s.minute()), String.join(" / ", heaps),
          s.checkpoint().map(c -> Long.toString(c.id())).orElse("-"),
          s.checkpoint().map(c -> String.format("%.1f", c.stateSizeBytes() / 1e6)).orElse("-"),
          s.checkpoint().map(c -> Long.toString(c.durationMs())).orElse("-"),
          String.format("%,d", s.lag().calls()), String.format("%,d", s.lag().missing()),
          milliseconds(s.lag().p50OverFloorMs()), milliseconds(s.lag().p99OverFloorMs()));
    }
    md.append(table.render()).append('\n');
    return md.toString();
  }

  /** The heap after GC of the first and the last third of the run, summed over the TaskManagers. */
  static String heapTrend(List<Sample> samples) {
    if (samples.size() < 3) {
      return "too few looks to tell a trend";
    }
    int third = samples.size() / 3;
    double first = meanTotal(samples.subList(0, third));
    double last = meanTotal(samples.subList(samples.size() - third, samples.size()));
    return String.format("%.0f MB in the first third of the run, %.0f MB in the last (%+.0f%%), summed over"
        + " the TaskManagers", first, last, 100 * (last - first) / first);
  }

  private static double meanTotal(List<Sample> samples) {
    return samples.stream().mapToDouble(s -> s.heapAfterGcMb().stream().mapToDouble(Double::doubleValue).sum())
        .average().orElse(Double.NaN);
  }

  private static String milliseconds(double ms) {
    return Double.isNaN(ms) ? "-" : Double.isInfinite(ms) ? "missing" : String.format("%,.0f", ms);
  }

  static void write(Path file, String markdown) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown, StandardCharsets.UTF_8);
  }
}

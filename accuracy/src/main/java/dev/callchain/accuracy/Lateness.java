package dev.callchain.accuracy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's own account of lateness, from its log lines {@code callchain: N calls arrived
 * behind the watermark (up to X ms, p99 Y ms, bound B ms); --maxOutOfOrderMs=Z would have held
 * them}. Each linking worker logs its own figures since it started, under its own thread name;
 * the last line of each worker counts, summed (calls) or at their largest (the others: the p99
 * is then the largest worker's p99, not the p99 over all).
 *
 * @param workers how many workers logged late calls
 */
record Lateness(long lateCalls, long maxMs, long p99Ms, long suggestedBoundMs, int workers) {
  private static final String MARK = "arrived behind the watermark";
  private static final Pattern LINE = Pattern.compile(
      "([\\d,]+) calls? " + MARK + " \\(up to ([\\d,]+) ms, p99 ([\\d,]+) ms, bound [\\d,]+ ms\\);"
          + " --maxOutOfOrderMs=([\\d,]+) would have held them");

  /** From a log's lines; null when no line reads as above. */
  static Lateness fromLog(Path log) throws IOException {
    Map<String, Lateness> lastByWorker = new LinkedHashMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Lateness one = parse(line);
      if (one != null) {
        lastByWorker.put(worker(line), one);
      }
    }
    return lastByWorker.values().stream()
        .reduce((a, b) -> new Lateness(a.lateCalls + b.lateCalls, Math.max(a.maxMs, b.maxMs),
            Math.max(a.p99Ms, b.p99Ms), Math.max(a.suggestedBoundMs, b.suggestedBoundMs),
            a.workers + b.workers))
        .orElse(null);
  }

  /** One line's figures, or null when it is not such a line. */
  static Lateness parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.find()) {
      return null;
    }
    return new Lateness(number(m.group(1)), number(m.group(2)), number(m.group(3)), number(m.group(4)), 1);
  }

  /** The thread name the logger put in brackets before the message, or "" without one. */
  private static String worker(String line) {
    String prefix = line.substring(0, line.indexOf(MARK));
    int open = prefix.indexOf('[');
    int close = prefix.lastIndexOf(']');
    return open >= 0 && close > open ? prefix.substring(open, close + 1) : "";
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }
}

package dev.callchain.accuracy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's own account of lateness, from its log line {@code callchain: N calls arrived
 * behind the watermark (up to X ms, p99 Y ms, bound B ms); --maxOutOfOrderMs=Z would have held
 * them}.
 */
record Lateness(long lateCalls, long maxMs, long p99Ms, long suggestedBoundMs) {
  private static final String MARK = "arrived behind the watermark";
  private static final Pattern LINE = Pattern.compile(
      "([\\d,]+) calls? " + MARK + " \\(up to ([\\d,]+) ms, p99 ([\\d,]+) ms, bound [\\d,]+ ms\\);"
          + " --maxOutOfOrderMs=([\\d,]+) would have held them");

  /** The last such line of a log, or null when there is none or it does not read as above. */
  static Lateness lastIn(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains(MARK)) {
        return parse(lines.get(i));
      }
    }
    return null;
  }

  static Lateness parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.find()) {
      return null;
    }
    return new Lateness(number(m.group(1)), number(m.group(2)), number(m.group(3)), number(m.group(4)));
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }
}

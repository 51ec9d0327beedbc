package dev.callchain.accuracy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How far behind in event time each record arrives: for a file in delivery order, each record's
 * lag is the largest {@code start_at_ms} delivered before it minus its own. A watermark that
 * trails the largest start by a bound B finds exactly the records with a lag over B late (when
 * all go through one partition; per partition it is at most that).
 */
final class DeliveryLag {
  private final long[] sortedLags;

  private DeliveryLag(long[] sortedLags) {
    this.sortedLags = sortedLags;
  }

  /** Reads a JSON Lines file of call records in delivery order. */
  static DeliveryLag of(Path calls) throws IOException {
    long[] lags = new long[1024];
    int count = 0;
    long largestStart = Long.MIN_VALUE;
    try (BufferedReader lines = Files.newBufferedReader(calls, StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        long start = Json.read(line, calls + ":" + (count + 1)).path("start_at_ms").asLong();
        largestStart = Math.max(largestStart, start);
        if (count == lags.length) {
          lags = Arrays.copyOf(lags, 2 * count);
        }
        lags[count++] = largestStart - start;
      }
    }
    long[] sorted = Arrays.copyOf(lags, count);
    Arrays.sort(sorted);
    return new DeliveryLag(sorted);
  }

  int records() {
    return sortedLags.length;
  }

  /** The lag that {@code share} of the records do not exceed (nearest rank). */
  long percentile(double share) {
    if (sortedLags.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(share * sortedLags.length);
    return sortedLags[Math.max(0, Math.min(sortedLags.length, rank) - 1)];
  }

  long max() {
    return sortedLags.length == 0 ? 0 : sortedLags[sortedLags.length - 1];
  }

  /** Records that lag by more than {@code boundMs}. */
  long behind(long boundMs) {
    return Arrays.stream(sortedLags).filter(lag -> lag > boundMs).count();
  }
}

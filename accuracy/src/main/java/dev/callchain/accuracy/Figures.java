package dev.callchain.accuracy;

import java.util.Locale;

/** How the reports print numbers: NaN (nothing to divide by) as n/a. */
final class Figures {
  private Figures() {}

  /** 0.98765 -> "98.77%". */
  static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * share);
  }

  static String decimal(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** 10.0 -> "10", 0.5 -> "0.5". */
  static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  static String seconds(double value) {
    return String.format(Locale.ROOT, "%.1f s", value);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}

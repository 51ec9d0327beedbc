package dev.callchain.bench;

import java.util.Locale;

/** How the report writes numbers: grouped thousands, few but enough digits. */
final class Format {
  private Format() {}

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Double.isInfinite(value)) {
      return "unbounded";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f", value);
  }

  static String ratio(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2fx", value);
  }

  /** CPU seconds per wall second, to the hundredth of a core: "0.35". */
  static String cores(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,d", bytes >> 20);
  }
}

package dev.callchain.bench;

import java.util.Locale;

/**
 * A number the project promises, the measured value, and whether it holds. A target that could
 * not be measured (its system is missing, or it was skipped) is neither met nor missed.
 */
record Target(String name, double measured, Bound bound, double threshold, String unit, String note) {
  enum Bound {
    AT_LEAST(">="),
    AT_MOST("<=");

    final String symbol;

    Bound(String symbol) {
      this.symbol = symbol;
    }
  }

  static Target notMeasured(String name, Bound bound, double threshold, String unit, String why) {
    return new Target(name, Double.NaN, bound, threshold, unit, why);
  }

  boolean measuredAtAll() {
    return !Double.isNaN(measured);
  }

  boolean met() {
    return measuredAtAll() && (bound == Bound.AT_LEAST ? measured >= threshold : measured <= threshold);
  }

  /**
   * "MET (2.10x margin)" or "MISSED (45% of the target)" for a floor; "MET (300 ms under)" or
   * "MISSED (by 300 ms)" for a ceiling; "NOT MEASURED (why)".
   */
  String verdict() {
    if (!measuredAtAll()) {
      return "NOT MEASURED (" + note + ")";
    }
    String margin;
    if (bound == Bound.AT_LEAST) {
      margin = met()
          ? String.format(Locale.ROOT, "%.2fx margin", measured / threshold)
          : String.format(Locale.ROOT, "%.0f%% of the target", measured / threshold * 100);
    } else {
      double gap = Math.abs(threshold - measured);
      margin = (met() ? Format.number(gap) + " " + unit + " under" : "by " + Format.number(gap) + " " + unit);
    }
    return (met() ? "MET" : "MISSED") + " (" + margin + ")";
  }

  String describeThreshold() {
    return bound.symbol + " " + Format.number(threshold) + " " + unit;
  }
}

package dev.callchain.accuracy;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A goal for link accuracy on real traces: a metric that must reach {@code minimum} at one load.
 *
 * @param load the load factor it applies at (1: the traces' own load)
 */
record RealTarget(String metric, int load, double minimum, ToDoubleFunction<Accuracy> value) {
  /** At their own load traces must come out nearly whole; at 4x precision must hold. */
  static final List<RealTarget> ALL = List.of(
      new RealTarget("best_parent precision", 1, 0.95, a -> a.overall().bestParentPrecision()),
      new RealTarget("best_parent recall", 1, 0.90, a -> a.overall().bestParentRecall()),
      new RealTarget("traces exact by best_parent", 1, 0.90, Accuracy::tracesExactBestParentShare),
      new RealTarget("best_parent precision", 4, 0.90, a -> a.overall().bestParentPrecision()));

  /** MET when the value reaches the minimum; NaN (nothing to score) is MISSED. */
  String verdict(Accuracy accuracy) {
    return value.applyAsDouble(accuracy) >= minimum ? "MET" : "MISSED";
  }
}

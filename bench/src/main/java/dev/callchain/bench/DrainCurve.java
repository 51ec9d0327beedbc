package dev.callchain.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A drain's progress: how many output records there were at moments since the system started.
 * When a share of the expected output was reached is interpolated between the two samples around
 * it, so the poll period does not round the times, nor the rates between them.
 */
final class DrainCurve {
  private record Sample(double seconds, long records) {}

  private final long expected;
  private final List<Sample> samples = new ArrayList<>();

  DrainCurve(long expected) {
    if (expected <= 0) {
      throw new IllegalArgumentException("expected output must be more than 0: " + expected);
    }
    this.expected = expected;
  }

  /** One poll: {@code records} counted at {@code seconds}; samples come in time order. */
  void add(double seconds, long records) {
    if (!samples.isEmpty() && seconds < samples.get(samples.size() - 1).seconds()) {
      throw new IllegalArgumentException("sample at " + seconds + " s is before the previous one");
    }
    samples.add(new Sample(seconds, records));
  }

  long expected() {
    return expected;
  }

  /** The records counted at the latest sample; 0 before any. */
  long records() {
    return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).records();
  }

  /** How far the output got: records / expected. */
  double share() {
    return (double) records() / expected;
  }

  /** When the output first held {@code share} of the expected records; empty if it never did. */
  OptionalDouble secondsTo(double share) {
    double target = share * expected;
    Sample before = null;
    for (Sample s : samples) {
      if (s.records() >= target) {
        if (before == null) {
          return OptionalDouble.of(s.seconds());
        }
        double fraction = (target - before.records()) / (s.records() - before.records());
        return OptionalDouble.of(before.seconds() + fraction * (s.seconds() - before.seconds()));
      }
      before = s;
    }
    return OptionalDouble.empty();
  }

  /** The records between two shares of the expected output over the time between them; NaN if not reached. */
  double recordsPerSecond(double fromShare, double toShare) {
    OptionalDouble from = secondsTo(fromShare);
    OptionalDouble to = secondsTo(toShare);
    // Both shares reached in the first poll: no time between them to divide by.
    if (from.isEmpty() || to.isEmpty() || to.getAsDouble() <= from.getAsDouble()) {
      return Double.NaN;
    }
    return (toShare - fromShare) * expected / (to.getAsDouble() - from.getAsDouble());
  }
}

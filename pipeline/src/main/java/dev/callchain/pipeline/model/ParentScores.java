package dev.callchain.pipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How likely each of a call's parents is its real caller (--bestParent): one score per parent,
 * in the order of the call's sorted parent ids, and the most likely one, or null when none is
 * likely enough.
 */
public final class ParentScores {
  private final @Nullable String best;
  private final double[] scores;

  public ParentScores(@Nullable String best, double[] scores) {
    this.best = best;
    this.scores = scores;
  }

  public @Nullable String best() {
    return best;
  }

  /** Aligned with the parents; never mutate. */
  public double[] scores() {
    return scores;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParentScores
        && java.util.Objects.equals(((ParentScores) o).best, best)
        && Arrays.equals(((ParentScores) o).scores, scores);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "best=" + best + " scores=" + Arrays.toString(scores);
  }

  /** Writes scores that may be absent (the mode is off) behind a presence flag. */
  public static void encode(@Nullable ParentScores scores, OutputStream out) throws IOException {
    BooleanCoder.of().encode(scores != null, out);
    if (scores == null) {
      return;
    }
    BooleanCoder.of().encode(scores.best != null, out);
    if (scores.best != null) {
      StringUtf8Coder.of().encode(scores.best, out);
    }
    VarIntCoder.of().encode(scores.scores.length, out);
    for (double score : scores.scores) {
      DoubleCoder.of().encode(score, out);
    }
  }

  public static @Nullable ParentScores decode(InputStream in) throws IOException {
    if (!BooleanCoder.of().decode(in)) {
      return null;
    }
    String best = BooleanCoder.of().decode(in) ? StringUtf8Coder.of().decode(in) : null;
    double[] scores = new double[VarIntCoder.of().decode(in)];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = DoubleCoder.of().decode(in);
    }
    return new ParentScores(best, scores);
  }
}

package dev.callchain.pipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How likely each of a call's parents is its real caller (--bestParent): one score per parent,
 * in the order of the call's sorted parent ids, and the most likely one, or null when none is
 * likely enough, with that one's end (how long a trace waits for it).
 */
public final class ParentScores {
  /** The best parent's end when it is not known (it had been emitted before its child came). */
  public static final long UNKNOWN_END = Long.MIN_VALUE;

  /** The presence flags written before the scores; older state has only ABSENT and PRESENT. */
  private static final int ABSENT = 0;
  private static final int PRESENT = 1;
  private static final int PRESENT_WITH_BEST_END = 2;

  private final @Nullable String best;
  private final double[] scores;
  private final long bestEndAtMs;

  public ParentScores(@Nullable String best, double[] scores) {
    this(best, scores, UNKNOWN_END);
  }

  public ParentScores(@Nullable String best, double[] scores, long bestEndAtMs) {
    this.best = best;
    this.scores = scores;
    this.bestEndAtMs = best == null ? UNKNOWN_END : bestEndAtMs;
  }

  public @Nullable String best() {
    return best;
  }

  /** The best parent's end_at_ms, or {@link #UNKNOWN_END}. */
  public long bestEndAtMs() {
    return bestEndAtMs;
  }

  /** Aligned with the parents; never mutate. */
  public double[] scores() {
    return scores;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParentScores
        && java.util.Objects.equals(((ParentScores) o).best, best)
        && Arrays.equals(((ParentScores) o).scores, scores)
        && ((ParentScores) o).bestEndAtMs == bestEndAtMs;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "best=" + best + " scores=" + Arrays.toString(scores)
        + (bestEndAtMs == UNKNOWN_END ? "" : " bestEnd=" + bestEndAtMs);
  }

  /**
   * Writes scores that may be absent (the mode is off) behind a presence flag, which also says
   * whether the best parent's end follows: a savepoint's older scores (flag 1) still read.
   */
  public static void encode(@Nullable ParentScores scores, OutputStream out) throws IOException {
    if (scores == null) {
      out.write(ABSENT);
      return;
    }
    boolean withEnd = scores.bestEndAtMs != UNKNOWN_END;
    out.write(withEnd ? PRESENT_WITH_BEST_END : PRESENT);
    BooleanCoder.of().encode(scores.best != null, out);
    if (scores.best != null) {
      StringUtf8Coder.of().encode(scores.best, out);
    }
    VarIntCoder.of().encode(scores.scores.length, out);
    for (double score : scores.scores) {
      DoubleCoder.of().encode(score, out);
    }
    if (withEnd) {
      VarLongCoder.of().encode(scores.bestEndAtMs, out);
    }
  }

  public static @Nullable ParentScores decode(InputStream in) throws IOException {
    int flag = in.read();
    if (flag == ABSENT) {
      return null;
    }
    if (flag != PRESENT && flag != PRESENT_WITH_BEST_END) {
      throw new CoderException("not parent scores: flag " + flag);
    }
    String best = BooleanCoder.of().decode(in) ? StringUtf8Coder.of().decode(in) : null;
    double[] scores = new double[VarIntCoder.of().decode(in)];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = DoubleCoder.of().decode(in);
    }
    long bestEnd = flag == PRESENT_WITH_BEST_END ? VarLongCoder.of().decode(in) : UNKNOWN_END;
    return new ParentScores(best, scores, bestEnd);
  }
}

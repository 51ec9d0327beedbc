package dev.callchain.pipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How likely each of a call's candidate callers is the real one (--bestParent): one score per
 * parent, in the order of the call's sorted parent ids, then one per near miss (with
 * --skewToleranceMs: a call that misses containment by no more than the tolerance, which clock
 * skew between hosts can cause), and the most likely one, or null when none is likely enough,
 * with that one's end (how long a trace waits for it).
 */
public final class ParentScores {
  /** The best parent's end when it is not known (it had been emitted before its child came). */
  public static final long UNKNOWN_END = Long.MIN_VALUE;

  private static final String[] NONE = new String[0];

  /** The presence flags written before the scores; older state has only ABSENT and PRESENT. */
  private static final int ABSENT = 0;
  private static final int PRESENT = 1;
  private static final int PRESENT_WITH_BEST_END = 2;
  private static final int PRESENT_WITH_NEAR_MISSES = 3;

  private final @Nullable String best;
  private final double[] scores;
  private final long bestEndAtMs;
  private final String[] nearMisses;

  public ParentScores(@Nullable String best, double[] scores) {
    this(best, scores, UNKNOWN_END);
  }

  public ParentScores(@Nullable String best, double[] scores, long bestEndAtMs) {
    this(best, scores, bestEndAtMs, NONE);
  }

  /** {@code scores} covers the parents, then {@code nearMisses} (sorted, none a parent). */
  public ParentScores(@Nullable String best, double[] scores, long bestEndAtMs, String[] nearMisses) {
    this.best = best;
    this.scores = scores;
    this.bestEndAtMs = best == null ? UNKNOWN_END : bestEndAtMs;
    this.nearMisses = nearMisses;
  }

  public @Nullable String best() {
    return best;
  }

  /** The best parent's end_at_ms, or {@link #UNKNOWN_END}. */
  public long bestEndAtMs() {
    return bestEndAtMs;
  }

  /** Aligned with the parents, then the near misses; never mutate. */
  public double[] scores() {
    return scores;
  }

  /** The candidates that miss containment within the skew tolerance, sorted; never mutate. */
  public String[] nearMisses() {
    return nearMisses;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParentScores
        && Objects.equals(((ParentScores) o).best, best)
        && Arrays.equals(((ParentScores) o).scores, scores)
        && ((ParentScores) o).bestEndAtMs == bestEndAtMs
        && Arrays.equals(((ParentScores) o).nearMisses, nearMisses);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "best=" + best + " scores=" + Arrays.toString(scores)
        + (bestEndAtMs == UNKNOWN_END ? "" : " bestEnd=" + bestEndAtMs)
        + (nearMisses.length == 0 ? "" : " nearMisses=" + Arrays.toString(nearMisses));
  }

  /**
   * Writes scores that may be absent (the mode is off) behind a presence flag, which also says
   * what follows the scores: the best parent's end, and the near misses. Scores without them are
   * written as before, so a savepoint's older scores (flag 1) still read and without
   * --skewToleranceMs the state is as it was.
   */
  public static void encode(@Nullable ParentScores scores, OutputStream out) throws IOException {
    if (scores == null) {
      out.write(ABSENT);
      return;
    }
    boolean withEnd = scores.bestEndAtMs != UNKNOWN_END;
    boolean withNearMisses = scores.nearMisses.length > 0;
    out.write(withNearMisses ? PRESENT_WITH_NEAR_MISSES : withEnd ? PRESENT_WITH_BEST_END : PRESENT);
    BooleanCoder.of().encode(scores.best != null, out);
    if (scores.best != null) {
      StringUtf8Coder.of().encode(scores.best, out);
    }
    VarIntCoder.of().encode(scores.scores.length, out);
    for (double score : scores.scores) {
      DoubleCoder.of().encode(score, out);
    }
    if (withNearMisses) {
      VarLongCoder.of().encode(scores.bestEndAtMs, out);
      IdListCoder.encode(scores.nearMisses, out);
    } else if (withEnd) {
      VarLongCoder.of().encode(scores.bestEndAtMs, out);
    }
  }

  public static @Nullable ParentScores decode(InputStream in) throws IOException {
    int flag = in.read();
    if (flag == ABSENT) {
      return null;
    }
    if (flag != PRESENT && flag != PRESENT_WITH_BEST_END && flag != PRESENT_WITH_NEAR_MISSES) {
      throw new CoderException("not parent scores: flag " + flag);
    }
    String best = BooleanCoder.of().decode(in) ? StringUtf8Coder.of().decode(in) : null;
    double[] scores = new double[VarIntCoder.of().decode(in)];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = DoubleCoder.of().decode(in);
    }
    long bestEnd = flag == PRESENT ? UNKNOWN_END : VarLongCoder.of().decode(in);
    String[] nearMisses = flag == PRESENT_WITH_NEAR_MISSES ? IdListCoder.decode(in) : NONE;
    return new ParentScores(best, scores, bestEnd, nearMisses);
  }
}

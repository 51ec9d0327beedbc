package dev.callchain.pipeline.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.ValueState;
import org.joda.time.Instant;

/**
 * Ids due at event times, in one key's state, behind one timer: ids fall into 100 ms buckets,
 * each stored as numbered entries so that adding one id costs a few state operations on any
 * backend (a list per bucket would be read and written whole on each add).
 */
final class DueIds {
  static final long BUCKET_MS = 100;

  /** Bucket -> how many ids it holds. */
  private final MapState<Long, Integer> counts;
  /** (bucket, n) -> the bucket's n-th id. */
  private final MapState<String, String> entries;
  /** The buckets holding ids, ascending: one per 100 ms held, so few. */
  private final ValueState<long[]> buckets;
  /** Fires at the earliest bucket's time. */
  private final Timer timer;
  /** The element's or timer's time: a timer may not be set before it. */
  private final long now;

  DueIds(
      MapState<Long, Integer> counts,
      MapState<String, String> entries,
      ValueState<long[]> buckets,
      Timer timer,
      Instant now) {
    this.counts = counts;
    this.entries = entries;
    this.buckets = buckets;
    this.timer = timer;
    this.now = now.getMillis();
  }

  /** {@code id} is to be looked at once the watermark has passed {@code dueAt}. */
  void add(long dueAt, String id) {
    long bucket = Math.floorDiv(dueAt, BUCKET_MS) + 1;
    Integer count = counts.get(bucket).read();
    int n = count == null ? 0 : count;
    entries.put(entryKey(bucket, n), id);
    counts.put(bucket, n + 1);
    if (count == null) {
      addBucket(bucket);
    }
  }

  /** Hands every id due by now to {@code due} (which may add more, even due now), earliest first. */
  void takeDue(Consumer<String> due) {
    long[] held = held();
    while (held.length > 0 && held[0] * BUCKET_MS <= now) {
      long bucket = held[0];
      // Counted again each time round: what is due may add to this very bucket.
      for (int n = 0; n < counts.get(bucket).read(); n++) {
        String key = entryKey(bucket, n);
        String id = entries.get(key).read();
        entries.remove(key);
        due.accept(id);
      }
      counts.remove(bucket);
      held = held();
      write(Arrays.stream(held).filter(other -> other != bucket).toArray());
      held = held();
    }
  }

  private void addBucket(long bucket) {
    long[] held = held();
    int at = Arrays.binarySearch(held, bucket);
    int insert = at >= 0 ? at : -at - 1;
    long[] more = new long[held.length + 1];
    System.arraycopy(held, 0, more, 0, insert);
    more[insert] = bucket;
    System.arraycopy(held, insert, more, insert + 1, held.length - insert);
    write(more);
  }

  private long[] held() {
    long[] held = buckets.read();
    return held == null ? new long[0] : held;
  }

  /** Keeps the buckets, and the timer at the earliest. */
  private void write(long[] held) {
    if (held.length == 0) {
      buckets.clear();
      return;
    }
    buckets.write(held);
    // What is due already fires at once (or is taken by the loop in takeDue).
    timer.set(new Instant(Math.max(held[0] * BUCKET_MS, now)));
  }

  private static String entryKey(long bucket, int n) {
    return bucket + "/" + n;
  }

  /** Binary form of the buckets: a count, then each. */
  static final class BucketsCoder extends AtomicCoder<long[]> {
    private static final long serialVersionUID = 1L;

    private static final BucketsCoder INSTANCE = new BucketsCoder();

    static BucketsCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(long[] held, OutputStream out) throws IOException {
      VarIntCoder.of().encode(held.length, out);
      for (long bucket : held) {
        VarLongCoder.of().encode(bucket, out);
      }
    }

    @Override
    public long[] decode(InputStream in) throws IOException {
      long[] held = new long[VarIntCoder.of().decode(in)];
      for (int i = 0; i < held.length; i++) {
        held[i] = VarLongCoder.of().decode(in);
      }
      return held;
    }
  }
}

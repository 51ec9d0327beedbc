package dev.callchain.pipeline.link;

import dev.callchain.pipeline.model.CallRecord;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The linking index alone, by how many calls one address holds. In this package (the bench's
 * side of a split package) because {@link CallIndex} is package-private.
 *
 * <p>Calls start one per time unit; a parent lasts 20 units and a child 5, so each child has
 * about 8 parents whatever the size: the work per call that grows with the held count is the
 * index's, not the links'.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallIndexBenchmark {
  private static final int PARENT_LENGTH = 20;
  private static final int CHILD_LENGTH = 5;
  private static final int ID_RING = 1 << 16;

  @Param({"10", "1000", "100000"})
  public int held;

  private final String[] ids = new String[ID_RING];
  private CallIndex parents;
  private long probe;
  private CallsAtAddress address;
  private long now;
  private long evictEvery;

  @Setup
  public void fill() {
    for (int i = 0; i < ID_RING; i++) {
      ids[i] = "call-" + i;
    }
    parents = new CallIndex();
    for (int i = 0; i < held; i++) {
      parents.add(new HeldCall(id(i), i, i + PARENT_LENGTH, null));
    }
    address = new CallsAtAddress();
    // A watermark tick moves the window by an eighth: the held count stays within 12.5% of held.
    evictEvery = Math.max(1, held / 8);
    for (now = 0; now < held; now++) {
      admit(now, null);
    }
  }

  /** Every held parent that contains a child's interval: the lookup a child's arrival makes. */
  @Benchmark
  public void lookup(Blackhole blackhole) {
    long start = probe;
    probe = (probe + 7) % held;
    parents.forEachContaining(start, start + CHILD_LENGTH, blackhole::consume);
  }

  /**
   * One arrival, steady state: link it against what is held, insert it, and (amortised) evict
   * what the watermark has passed, so that about {@code held} calls stay held.
   */
  @Benchmark
  public void admit(Blackhole blackhole) {
    admit(now, blackhole);
    now++;
    if (now % evictEvery == 0) {
      address.evictEndedBefore(now - held, blackhole::consume);
    }
  }

  private void admit(long time, Blackhole blackhole) {
    String id = id(time);
    if (time % 2 == 0) {
      address.admitAsParent(id, time, time + PARENT_LENGTH, call -> consume(blackhole, call));
    } else {
      CallRecord child = CallRecord.of(id, "10.2.0.1", "10.3.0.1", time, time + CHILD_LENGTH);
      address.admitAsChild(child, call -> consume(blackhole, call));
    }
  }

  private static void consume(Blackhole blackhole, Object linked) {
    if (blackhole != null) {
      blackhole.consume(linked);
    }
  }

  private String id(long n) {
    return ids[(int) (n % ID_RING)];
  }
}

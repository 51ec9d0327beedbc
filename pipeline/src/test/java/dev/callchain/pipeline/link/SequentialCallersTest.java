package dev.callchain.pipeline.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.ParentScores;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * --bestParent at an address "M" whose requests overlap in pairs. Each request calls "S" four
 * times: one after another (each call 30 µs after the previous returned) or all at once. The
 * calls' durations are random, so where a call starts relative to its caller's start and end
 * follows no rhythm; for a sequential caller the gap to the sibling before it does.
 */
class SequentialCallersTest {
  private final CallsAtAddress calls = new CallsAtAddress(true, CallsAtAddress.DROP_LATE_LINKS);
  private final Map<String, String> truth = new HashMap<>();
  private final Map<String, ParentScores> scored = new HashMap<>();
  private final Random random = new Random(11);

  /** A request to M from {@code startUs}; its calls to S run one after another or together. */
  private long request(String id, long startUs, boolean sequential) {
    long callStartUs = startUs + 200 + random.nextInt(300);
    long lastEndUs = callStartUs;
    for (int k = 0; k < 4; k++) {
      long endUs = callStartUs + 500 + random.nextInt(4000);
      String child = id + "-" + k;
      truth.put(child, id);
      calls.admitAsChild(microsCall(child, callStartUs, endUs), partner -> {});
      lastEndUs = Math.max(lastEndUs, endUs);
      callStartUs = sequential ? endUs + 30 : callStartUs + random.nextInt(100);
    }
    long endUs = lastEndUs + 300 + random.nextInt(500);
    calls.admitAsParent(id, startUs / 1000, endUs / 1000, startUs, partner -> {}, revision -> {});
    return endUs;
  }

  private static CallRecord microsCall(String id, long startUs, long endUs) {
    byte[] extra = ("\"start_at_us\":" + startUs + ",\"end_at_us\":" + endUs).getBytes(StandardCharsets.UTF_8);
    return new CallRecord(id, "M", "S", startUs / 1000, endUs / 1000, (endUs - startUs) / 1000.0, extra);
  }

  /** Requests in overlapping pairs, 100 ms of event time apart, each pair evicted as it ends. */
  private void pairs(int count, boolean sequential) {
    for (int i = 0; i < count; i++) {
      long t = 1_000_000_000L + i * 100_000L;
      long end = Math.max(request("a" + i, t, sequential), request("b" + i, t + 1000 + random.nextInt(4000), sequential));
      calls.evictEndedBefore(end / 1000 + 50, half -> {
        if (half.hasParents()) {
          scored.put(half.id(), half.scores());
        }
      });
    }
  }

  private double share(boolean named) {
    long right = scored.entrySet().stream().filter(e -> truth.get(e.getKey()).equals(e.getValue().best())).count();
    long of = named ? scored.values().stream().filter(s -> s.best() != null).count() : scored.size();
    return (double) right / of;
  }

  @Test
  void aSequentialCallerIsFoundByTheGapToTheSiblingBefore() {
    pairs(200, true);
    assertTrue(calls.parentModel.siblings.isSequential(), "judged sequential");
    assertTrue(share(true) >= 0.97, "best_parent precision " + share(true));
    assertTrue(share(false) >= 0.95, "best_parent recall " + share(false));
  }

  @Test
  void aParallelCallerIsNotJudgedSequential() {
    pairs(200, false);
    assertFalse(calls.parentModel.siblings.isSequential(), "judged parallel");
  }

  @Test
  void theSequenceStateSurvivesTheStateCoder() throws Exception {
    pairs(100, true);
    // A request still in flight: its first call has been given to it.
    long t = 2_000_000_000L;
    calls.admitAsParent("open", t / 1000, t / 1000 + 50, t, partner -> {}, revision -> {});
    calls.admitAsChild(microsCall("first", t + 300, t + 2000), partner -> {});
    calls.evictEndedBefore(t / 1000 + 10, half -> {});

    CallsAtAddress copy = CoderUtils.clone(CallsAtAddressCoder.of(), calls);
    SiblingRhythm rhythm = copy.parentModel.siblings;
    assertEquals(calls.parentModel.siblings.following, rhythm.following);
    assertEquals(calls.parentModel.siblings.overlapping, rhythm.overlapping);
    assertEquals(calls.parentModel.siblings.ofCallers.cells, rhythm.ofCallers.cells);
    assertEquals(calls.parentModel.siblings.ofOthers.cells, rhythm.ofOthers.cells);
    assertEquals(calls.parentModel.callsPerParent.byDestination.keySet(), copy.parentModel.callsPerParent.byDestination.keySet());
    ParentAssignments.Given given = copy.assignments.of("open");
    assertEquals(t, given.startUs);
    assertEquals(1, given.followed);
    assertEquals(t + 300, given.followedStartsUs[0]);
    assertEquals(t + 2000, given.followedEndsUs[0]);
    assertEquals(1, given.callsTo("S"));
    assertEquals(1, copy.assignments.byParent.size(), "evicted callers are forgotten");
  }

  @Test
  void stateWrittenBeforeTheSequencesStillDecodes() throws Exception {
    // An address's state as the version before wrote it: no calls held, a model of one cell.
    ByteArrayOutputStream before = new ByteArrayOutputStream();
    VarIntCoder.of().encode(0, before); // parents held
    VarIntCoder.of().encode(0, before); // children held
    for (long bookkeeping : new long[] {1000, Long.MAX_VALUE, 5, Long.MIN_VALUE, 0}) {
      VarLongCoder.of().encode(bookkeeping, before);
    }
    VarIntCoder.of().encode(1, before); // destinations learned
    StringUtf8Coder.of().encode("S", before);
    VarIntCoder.of().encode(1, before);
    VarLongCoder.of().encode(ParentModel.cell(20, 80), before);
    DoubleCoder.of().encode(7.0, before);
    VarLongCoder.of().encode(CallsAtAddress.DROP_LATE_LINKS, before);

    CallsAtAddress decoded = CoderUtils.decodeFromByteArray(CallsAtAddressCoder.of(), before.toByteArray());
    assertEquals(7.0, decoded.parentModel.byDestination.get("S").count(ParentModel.cell(20, 80)));
    assertTrue(decoded.assignments.isEmpty());
    assertFalse(decoded.parentModel.siblings.isSequential());
    assertEquals(1000, decoded.evictedBefore);
  }
}

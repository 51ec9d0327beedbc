package dev.callchain.pipeline;

import static dev.callchain.pipeline.testing.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.link.LinkByAddress;
import dev.callchain.pipeline.link.LinkSettings;
import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.Rejection;
import dev.callchain.pipeline.parse.ParseCalls;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.ArrivalStream;
import dev.callchain.pipeline.testing.BadCallLogs;
import dev.callchain.pipeline.testing.Collected;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

/**
 * The event-time behaviour of SPEC §2-§4, run on a real runner from a TestStream that feeds the
 * pipeline as the Kafka reader does. Each runner's suite extends this.
 */
abstract class LinkingScenarios {
  static final long BOUND = 1_000;
  static final long NEVER_IDLE = 3_600_000;

  protected abstract PipelineOptions options();

  /** How the suite links; a suite for another linker overrides this. */
  protected LinkSettings linkSettings(long idleFlushMs) {
    return LinkSettings.idleFlushAfter(idleFlushMs);
  }

  /** What one run produced. */
  static final class Run {
    final Map<String, LinkedCall> byId = new TreeMap<>();
    final List<DeadLetter> deadLetters;
    final Map<String, Long> counters;

    Run(List<LinkedCall> linked, List<DeadLetter> deadLetters, Map<String, Long> counters) {
      // Upserted by id, as a consumer would: only a revision may follow a call's first record.
      linked.sort(java.util.Comparator.comparingInt(LinkedCall::revision));
      for (LinkedCall call : linked) {
        LinkedCall previous = byId.put(call.call().id(), call);
        if (previous != null) {
          assertEquals(previous.revision() + 1, call.revision(), "emitted twice: " + call.call().id());
        }
      }
      this.deadLetters = deadLetters;
      this.counters = counters;
    }

    Map<String, String> links() {
      Map<String, String> links = new TreeMap<>();
      byId.forEach(
          (id, call) ->
              links.put(
                  id, AllPairsOracle.describe(Arrays.asList(call.parents()), Arrays.asList(call.children()))));
      return links;
    }

    String links(String id) {
      return links().get(id);
    }

    long counter(String name) {
      return counters.getOrDefault(name, 0L);
    }
  }

  Run run(TestStream<CallLog> stream, long idleFlushMs) {
    return run(stream, linkSettings(idleFlushMs));
  }

  Run run(TestStream<CallLog> stream, LinkSettings settings) {
    Pipeline pipeline = Pipeline.create(options());
    Collected<LinkedCall> linked = new Collected<>();
    Collected<DeadLetter> deadLetters = new Collected<>();
    PCollectionTuple parsed = pipeline.apply(stream).apply(new ParseCalls());
    parsed.get(ParseCalls.CALLS).apply(new LinkByAddress(settings)).apply(linked.sink());
    parsed.get(ParseCalls.DEAD_LETTERS).apply(deadLetters.sink());
    PipelineResult result = pipeline.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
    Run run = new Run(linked.items(), deadLetters.items(), MetricsReport.metrics(result));
    // State is bounded: once the input ends, nothing is held anywhere.
    assertEquals(0, run.counter(CallchainMetrics.HELD), "calls still held");
    assertEquals(0, run.counter(CallchainMetrics.WAITING_HALVES), "halves still waiting");
    assertEquals(0, run.counter(CallchainMetrics.KEPT_FOR_REVISION), "calls still kept");
    return run;
  }

  Run inOrder(CallRecord... calls) {
    return run(new ArrivalStream(BOUND).arrive(calls).end(), NEVER_IDLE);
  }

  static String links(List<String> parents, List<String> children) {
    return AllPairsOracle.describe(parents, children);
  }

  @Test
  void linearChain() {
    Run run =
        inOrder(
            call("id1", "10.0.0.1", "10.0.0.2", 1000, 1500),
            call("id2", "10.0.0.2", "10.0.0.3", 1100, 1300),
            call("id3", "10.0.0.3", "10.0.0.4", 1120, 1220));
    assertEquals(links(List.of(), List.of("id2")), run.links("id1"));
    assertEquals(links(List.of("id1"), List.of("id3")), run.links("id2"));
    assertEquals(links(List.of("id2"), List.of()), run.links("id3"));
    assertEquals(2, run.counter(CallchainMetrics.LINKS));
    assertEquals(3, run.counter(CallchainMetrics.CALLS_EMITTED));
  }

  @Test
  void concurrentBranches() {
    Run run =
        inOrder(
            call("main", "10.0.0.1", "10.1.0.1", 1000, 2000),
            call("sub1", "10.1.0.1", "10.2.0.1", 1020, 1050),
            call("sub2", "10.1.0.1", "10.3.0.1", 1020, 1060),
            call("sub3", "10.3.0.1", "10.4.0.1", 1050, 1060));
    assertEquals(links(List.of(), List.of("sub1", "sub2")), run.links("main"));
    assertEquals(links(List.of("main"), List.of()), run.links("sub1"));
    assertEquals(links(List.of("main"), List.of("sub3")), run.links("sub2"));
    assertEquals(links(List.of("sub2"), List.of()), run.links("sub3"));
  }

  @Test
  void multipleParents() {
    Run run =
        inOrder(
            call("p1", "10.0.0.1", "10.1.0.1", 1000, 2000),
            call("p2", "10.0.0.2", "10.1.0.1", 1050, 1900),
            call("c", "10.1.0.1", "10.2.0.1", 1100, 1200));
    assertEquals(links(List.of("p1", "p2"), List.of()), run.links("c"));
    assertEquals(links(List.of(), List.of("c")), run.links("p1"));
    assertEquals(links(List.of(), List.of("c")), run.links("p2"));
  }

  @Test
  void boundsSelfCallsZeroLengthCrossingAndUnicode() {
    Run run =
        inOrder(
            call("p", "a", "b", 1000, 2000),
            call("same", "b", "c", 1000, 2000),
            call("starts-1ms-early", "b", "c", 999, 1500),
            call("ends-1ms-late", "b", "c", 1500, 2001),
            call("调用-🙂", "b", "c", 1200, 1300),
            call("zero-at-end", "b", "c", 2000, 2000),
            call("self", "s", "s", 3000, 4000),
            call("x", "h1", "h2", 5000, 6000),
            call("y", "h2", "h1", 5000, 6000));
    assertEquals(links(List.of(), List.of("same", "zero-at-end", "调用-🙂")), run.links("p"));
    assertEquals(links(List.of(), List.of()), run.links("starts-1ms-early"));
    assertEquals(links(List.of(), List.of()), run.links("ends-1ms-late"));
    assertEquals(links(List.of(), List.of()), run.links("self"));
    assertEquals(links(List.of("y"), List.of("y")), run.links("x"));
    assertEquals(links(List.of("x"), List.of("x")), run.links("y"));
    assertEquals(links(List.of("p"), List.of()), run.links("调用-🙂"));
  }

  @Test
  void extraFieldsAndNormalisedTimesReachTheOutput() {
    String json =
        "{\"id\":7,\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":\"1000.9\",\"latency_msec\":30.5,"
            + "\"service\":\"main\",\"tags\":{\"k\":[1, 2.50]}}";
    Run run = run(new ArrivalStream(BOUND).arriveRaw(json).end(), NEVER_IDLE);
    LinkedCall seven = run.byId.get("7");
    assertEquals(1000, seven.call().startAtMs());
    assertEquals(1030, seven.call().endAtMs());
    assertEquals(
        "\"service\":\"main\",\"tags\":{\"k\":[1, 2.50]}",
        new String(seven.call().extraFields(), StandardCharsets.UTF_8));
  }

  @Test
  void everyRejectionReachesTheDeadLettersWithItsReason() {
    ArrivalStream stream = new ArrivalStream(BOUND).arrive(call("ok", "a", "b", 1000, 1100));
    BadCallLogs.EXAMPLES.values().forEach(stream::arriveRaw);
    Run run = run(stream.end(), NEVER_IDLE);
    assertEquals(1, run.byId.size());
    assertEquals(BadCallLogs.EXAMPLES.size(), run.deadLetters.size());
    for (DeadLetter letter : run.deadLetters) {
      assertEquals(
          BadCallLogs.EXAMPLES.get(letter.reason()), new String(letter.original(), StandardCharsets.UTF_8));
      assertTrue(!letter.detail().isEmpty());
    }
    for (Rejection reason : Rejection.values()) {
      assertEquals(reason.ofInput() ? 1 : 0, run.counter(reason.counterName()), reason.name());
    }
    assertEquals(BadCallLogs.EXAMPLES.size(), run.counter(CallchainMetrics.CALLS_REJECTED));
  }

  @Test
  void outOfOrderWithinTheBoundGivesTheInOrderResult() {
    CallRecord parent = call("p", "a", "b", 1000, 1900);
    CallRecord child = call("c", "b", "c", 1100, 1200);
    CallRecord grandchild = call("g", "c", "d", 1110, 1190);
    Map<String, String> inOrder = inOrder(parent, child, grandchild).links();
    // Child before parent; the parent arrives just within the bound of the latest start.
    Map<String, String> reversed =
        run(new ArrivalStream(BOUND).arrive(grandchild, child).arrive(parent).end(), NEVER_IDLE).links();
    assertEquals(inOrder, reversed);
    assertEquals(AllPairsOracle.links(List.of(parent, child, grandchild)), reversed);
  }

  Run lateChild() {
    return run(lateChildStream(10_000), NEVER_IDLE);
  }

  static TestStream<CallLog> lateChildStream(long watermark) {
    return new ArrivalStream(BOUND)
        .arrive(call("p", "a", "b", 1000, 2000))
        .watermarkTo(watermark)
        .arrive(call("late", "b", "c", 1100, 1200))
        .end();
  }

  /**
   * --lateLinks=revise: where the child is late, its parent was emitted without it and is emitted
   * again as revision 1 with it; upserted by id, the output is complete either way.
   */
  @Test
  void reviseModeReEmitsTheCallALateLinkReaches() {
    Run run =
        run(
            lateChildStream(10_000),
            linkSettings(NEVER_IDLE).withLateLinks(LinkSettings.LateLinks.REVISE, 60_000));
    assertEquals(links(List.of(), List.of("late")), run.links("p"));
    assertEquals(links(List.of("p"), List.of()), run.links("late"));
    if (run.counter(CallchainMetrics.LATE_CALLS) == 1) {
      assertEquals(1, run.counter(CallchainMetrics.LATE_LINKS));
      // Re-emitted as revision 1, unless the revised half reached the assembler before p was
      // whole (Flink may deliver p's other half, or a sliced address's other pieces, after it):
      // then p's first record already has the late link. Never a revision without a change.
      assertEquals(run.counter(CallchainMetrics.REVISIONS), run.byId.get("p").revision());
      assertTrue(run.byId.get("p").revision() <= 1);
    }
    assertEquals(0, run.byId.get("late").revision());
  }

  @Test
  void reviseModeGivesTheSameResultWhenNothingIsLate() {
    Random random = new Random(11);
    List<CallRecord> calls = randomCalls(random, 150);
    List<CallRecord> arrivals = ArrivalStream.shuffledWithinBound(calls, BOUND, random);
    Run run =
        run(
            new ArrivalStream(BOUND).arrive(arrivals.toArray(new CallRecord[0])).end(),
            linkSettings(NEVER_IDLE).withLateLinks(LinkSettings.LateLinks.REVISE, 5_000).withBestParent(true));
    assertEquals(AllPairsOracle.links(calls), run.links());
    assertEquals(0, run.counter(CallchainMetrics.REVISIONS));
  }

  /**
   * The child's host clock runs 1 ms behind its caller's: it seems to start before its caller, so
   * the rule gives it no parent. With a 2 ms tolerance the caller is still named best; the links
   * stay the rule's.
   */
  @Test
  void withASkewToleranceACallerMissingContainmentByTheSkewIsNamedBest() {
    CallRecord caller = call("p", "a", "b", 1000, 1100);
    CallRecord skewed = call("c", "b", "c", 999, 1050);
    CallRecord contained = call("d", "b", "d", 1010, 1040);
    for (long tolerance : new long[] {0, 2}) {
      Run run =
          run(
              new ArrivalStream(BOUND).arrive(skewed, caller, contained).end(),
              linkSettings(NEVER_IDLE).withBestParent(true).withSkewToleranceMs(tolerance));
      assertEquals(links(List.of(), List.of()), run.links("c"), "tolerance " + tolerance);
      assertEquals(links(List.of(), List.of("d")), run.links("p"), "tolerance " + tolerance);
      assertEquals(tolerance == 0 ? null : "p", run.byId.get("c").bestParent(), "tolerance " + tolerance);
      assertEquals(tolerance == 0 ? null : 1.0, run.byId.get("c").scoreOf("p"), "tolerance " + tolerance);
      assertEquals("p", run.byId.get("d").bestParent(), "tolerance " + tolerance);
    }
  }

  /** A skew tolerance widens only best_parent's candidates: every link is still the rule's. */
  @Test
  void randomCallSetsWithASkewToleranceKeepTheRulesLinksAndNameOnlyNearCallers() {
    long tolerance = 7;
    for (int seed = 0; seed < Math.min(randomRuns(), 3); seed++) {
      Random random = new Random(100 + seed);
      List<CallRecord> calls = randomCalls(random, 150);
      List<CallRecord> arrivals = ArrivalStream.shuffledWithinBound(calls, BOUND, random);
      Run run =
          run(
              new ArrivalStream(BOUND).arrive(arrivals.toArray(new CallRecord[0])).end(),
              linkSettings(NEVER_IDLE).withBestParent(true).withSkewToleranceMs(tolerance));
      assertEquals(AllPairsOracle.links(calls), run.links(), "seed " + seed);
      Map<String, CallRecord> byId = new TreeMap<>();
      calls.forEach(call -> byId.put(call.id(), call));
      int nearMisses = 0;
      for (LinkedCall linked : run.byId.values()) {
        CallRecord child = linked.call();
        for (String near : linked.parentScores().nearMisses()) {
          CallRecord caller = byId.get(near);
          nearMisses++;
          assertTrue(
              caller.dstIp().equals(child.srcIp())
                  && caller.startAtMs() <= child.startAtMs() + tolerance
                  && caller.endAtMs() >= child.endAtMs() - tolerance
                  && !Arrays.asList(linked.parents()).contains(near),
              "seed " + seed + ": " + near + " is no near miss of " + child);
        }
      }
      assertTrue(nearMisses > 0, "seed " + seed + ": the sets have calls a few ms apart");
    }
  }

  /**
   * Behind the source's watermark, the child is late where that watermark has reached the linker
   * first: counted, and unable to reach its evicted parent. Where the runner delivers the child
   * before that watermark (Flink's parallel channels may), it is on time and linked. Either way
   * it is emitted once and nothing breaks.
   */
  @Test
  void aRecordLaterThanTheBoundIsEmittedAndCountedWhereLate() {
    Run run = lateChild();
    assertEquals(2, run.byId.size());
    if (run.counter(CallchainMetrics.LATE_CALLS) == 1) {
      assertEquals(links(List.of(), List.of()), run.links("p"));
    } else {
      assertEquals(links(List.of(), List.of("late")), run.links("p"));
    }
  }

  @Test
  void aRedeliveryYieldsOneRecord() {
    CallRecord parent = call("p", "a", "b", 1000, 2000);
    CallRecord child = call("c", "b", "c", 1100, 1200);
    Run run = run(new ArrivalStream(BOUND).arrive(parent, child, child, parent).end(), NEVER_IDLE);
    assertEquals(2, run.byId.size());
    assertEquals(links(List.of("p"), List.of()), run.links("c"));
    assertEquals(2, run.counter(CallchainMetrics.REDELIVERED));
    assertEquals(1, run.counter(CallchainMetrics.LINKS));
  }

  @Test
  void randomCallSetsInBoundedRandomOrderMatchTheAllPairsOracle() {
    for (int seed = 0; seed < randomRuns(); seed++) {
      Random random = new Random(seed);
      List<CallRecord> calls = randomCalls(random, 150);
      List<CallRecord> arrivals = ArrivalStream.shuffledWithinBound(calls, BOUND, random);
      Run run = run(new ArrivalStream(BOUND).arrive(arrivals.toArray(new CallRecord[0])).end(), NEVER_IDLE);
      assertEquals(AllPairsOracle.links(calls), run.links(), "seed " + seed);
      assertEquals(0, run.counter(CallchainMetrics.LATE_CALLS), "seed " + seed);
    }
  }

  /** How many random call sets this runner checks (each is one pipeline run). */
  protected abstract int randomRuns();

  /** Calls among a few hosts with clustered times, equal intervals and zero lengths. */
  static List<CallRecord> randomCalls(Random random, int count) {
    String[] hosts = {"h0", "h1", "h2", "h3", "h4"};
    List<CallRecord> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long start = 1_600_000_000_000L + random.nextInt(3000);
      long duration = random.nextInt(10) == 0 ? 0 : random.nextInt(i % 7 == 0 ? 2000 : 300);
      if (i > 0 && random.nextInt(10) == 0) {
        CallRecord twin = calls.get(random.nextInt(i));
        start = twin.startAtMs();
        duration = twin.endAtMs() - twin.startAtMs();
      }
      calls.add(
          call("c" + i, hosts[random.nextInt(hosts.length)], hosts[random.nextInt(hosts.length)],
              start, start + duration));
    }
    return calls;
  }
}

package dev.callchain.pipeline.trace;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.link.CallsAtAddress;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.ServiceName;
import dev.callchain.pipeline.model.TraceMark;
import dev.callchain.pipeline.model.TraceSummary;
import dev.callchain.pipeline.trace.TraceNode.Kind;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Places each call in its trace by following best_parent to the root. A parent ends after its
 * children, so children come first: each waits, under its parent's id, until the parent is placed,
 * and is then written with the parent's trace id and depth + 1, and so on down. A root (no best
 * parent) is placed as it comes. So a call waits for its ancestors' ends, and no longer: once the
 * watermark has passed the time by which its best parent would have come (its end, as the scorer
 * saw it, rounded as the linker emits) a call whose parent never came starts a trace of its own.
 * A placed call is kept until its children, which end no later, have come.
 *
 * <p>One key holds every trace: a trace's calls are found only by following ids, so no key can
 * be known before the root is. The state is bounded by the calls in flight.
 */
final class FollowBestParentsFn extends DoFn<KV<Integer, LinkedCall>, LinkedCall> {
  static final TupleTag<LinkedCall> TRACED = new TupleTag<>() {};
  static final TupleTag<TraceSummary> TRACES = new TupleTag<>() {};

  /** Longer chains of waiting calls are not searched for a circle (they are not one in practice). */
  private static final int LONGEST_CIRCLE_SEARCHED = 1000;

  /** --skewToleranceMs: the linker holds calls longer, and a child may end after its parent. */
  private final long skewToleranceMs;

  FollowBestParentsFn(long skewToleranceMs) {
    this.skewToleranceMs = skewToleranceMs;
  }

  private final Counter completed = CallchainMetrics.counter(CallchainMetrics.TRACES_COMPLETED);
  private final Counter parentsMissing = CallchainMetrics.counter(CallchainMetrics.TRACE_PARENTS_MISSING);
  private final Counter circlesBroken = CallchainMetrics.counter(CallchainMetrics.TRACE_CYCLES_BROKEN);
  private final Counter waitingForAncestors =
      CallchainMetrics.counter(CallchainMetrics.WAITING_FOR_ANCESTORS);

  /** What is known of each call id: expected, waiting or placed. */
  @StateId("nodes")
  private final StateSpec<MapState<String, TraceNode>> nodesSpec =
      StateSpecs.map(StringUtf8Coder.of(), TraceNode.TraceNodeCoder.of());

  /** When each waiting call gives up on its parent and each placed call is forgotten. */
  @StateId("dueCounts")
  private final StateSpec<MapState<Long, Integer>> dueCountsSpec =
      StateSpecs.map(VarLongCoder.of(), VarIntCoder.of());

  @StateId("dueEntries")
  private final StateSpec<MapState<String, String>> dueEntriesSpec =
      StateSpecs.map(StringUtf8Coder.of(), StringUtf8Coder.of());

  @StateId("dueBuckets")
  private final StateSpec<ValueState<long[]>> dueBucketsSpec = StateSpecs.value(DueIds.BucketsCoder.of());

  @TimerId("due")
  private final TimerSpec dueSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  /** Each trace whose root is placed: its calls and depth so far, written when the root is forgotten. */
  @StateId("traces")
  private final StateSpec<MapState<String, TraceSummary>> tracesSpec =
      StateSpecs.map(StringUtf8Coder.of(), TraceSummary.TraceSummaryCoder.of());

  @ProcessElement
  public void processElement(
      @Element KV<Integer, LinkedCall> element,
      @Timestamp Instant timestamp,
      @StateId("nodes") MapState<String, TraceNode> nodes,
      @StateId("dueCounts") MapState<Long, Integer> dueCounts,
      @StateId("dueEntries") MapState<String, String> dueEntries,
      @StateId("dueBuckets") ValueState<long[]> dueBuckets,
      @TimerId("due") Timer timer,
      @StateId("traces") MapState<String, TraceSummary> traces,
      MultiOutputReceiver out) {
    new Forest(nodes, traces, new DueIds(dueCounts, dueEntries, dueBuckets, timer, timestamp), out)
        .arrive(element.getValue());
  }

  @OnTimer("due")
  public void onDue(
      OnTimerContext context,
      @StateId("nodes") MapState<String, TraceNode> nodes,
      @StateId("dueCounts") MapState<Long, Integer> dueCounts,
      @StateId("dueEntries") MapState<String, String> dueEntries,
      @StateId("dueBuckets") ValueState<long[]> dueBuckets,
      @TimerId("due") Timer timer,
      @StateId("traces") MapState<String, TraceSummary> traces,
      MultiOutputReceiver out) {
    long now = context.fireTimestamp().getMillis();
    DueIds due = new DueIds(dueCounts, dueEntries, dueBuckets, timer, context.fireTimestamp());
    Forest forest = new Forest(nodes, traces, due, out);
    due.takeDue(id -> forest.due(id, now));
  }

  /** The key's state, seen as a forest of calls: one per element or timer firing. */
  private final class Forest {
    private final MapState<String, TraceNode> nodes;
    private final MapState<String, TraceSummary> traces;
    private final DueIds due;
    private final MultiOutputReceiver out;

    Forest(
        MapState<String, TraceNode> nodes,
        MapState<String, TraceSummary> traces,
        DueIds due,
        MultiOutputReceiver out) {
      this.nodes = nodes;
      this.traces = traces;
      this.due = due;
      this.out = out;
    }

    void arrive(LinkedCall call) {
      String id = call.call().id();
      TraceNode known = nodes.get(id).read();
      if (known != null && known.kind == Kind.WAITING) {
        waitingForAncestors.dec(); // a revision of a waiting call: it waits again, below
      }
      String[] waiters = TraceNode.waitersOf(known);
      String parentId = call.bestParent();
      if (parentId == null) {
        place(call, TraceMark.root(id), waiters);
        return;
      }
      TraceNode parent = nodes.get(parentId).read();
      if (parent != null && parent.kind == Kind.PLACED) {
        place(call, parent.mark.child(parent.service), waiters);
        return;
      }
      if (parent != null && parent.kind == Kind.WAITING && leadsBackTo(id, parent)) {
        circlesBroken.inc();
        place(call, TraceMark.root(id), waiters);
        return;
      }
      nodes.put(parentId, parent == null ? TraceNode.expected(id) : parent.withWaiter(id));
      long giveUpAt = giveUpAt(call);
      nodes.put(id, TraceNode.waiting(call, waiters, giveUpAt));
      due.add(giveUpAt, id);
      waitingForAncestors.inc();
    }

    /** The watermark has passed {@code now}: {@code id} may give up on its parent, or be forgotten. */
    void due(String id, long now) {
      TraceNode node = nodes.get(id).read();
      if (node == null || node.kind == Kind.EXPECTED || node.dueAt > now) {
        return; // gone, or due again later (a revision)
      }
      if (node.kind == Kind.PLACED) {
        nodes.remove(id);
        if (node.mark.depth() == 0) {
          finish(id);
        }
        return;
      }
      String parentId = node.call.bestParent();
      TraceNode parent = nodes.get(parentId).read();
      if (parent != null && parent.kind != Kind.EXPECTED) {
        return; // the parent came: this call is placed with it
      }
      if (parent != null) {
        TraceNode rest = parent.withoutWaiter(id);
        if (rest == null) {
          nodes.remove(parentId);
        } else {
          nodes.put(parentId, rest);
        }
      }
      parentsMissing.inc();
      waitingForAncestors.dec();
      place(node.call, TraceMark.root(id), node.waiters);
    }

    /** Whether following best parents up from {@code parent}, all waiting, comes back to {@code id}. */
    private boolean leadsBackTo(String id, TraceNode parent) {
      TraceNode node = parent;
      for (int step = 0; step < LONGEST_CIRCLE_SEARCHED && node != null && node.kind == Kind.WAITING; step++) {
        String next = node.call.bestParent();
        if (id.equals(next)) {
          return true;
        }
        node = nodes.get(next).read();
      }
      return false;
    }

    /** Writes a call in its place, then every call that waited for it, and theirs, and so on. */
    private void place(LinkedCall first, TraceMark firstMark, String[] firstWaiters) {
      Deque<Placing> toPlace = new ArrayDeque<>();
      toPlace.push(new Placing(first, firstMark, firstWaiters));
      int calls = 0;
      int depth = 0;
      while (!toPlace.isEmpty()) {
        Placing next = toPlace.pop();
        LinkedCall call = next.call;
        TraceMark mark = next.mark;
        String id = call.call().id();
        out.get(TRACED).output(call.withTrace(mark));
        calls++;
        depth = Math.max(depth, mark.depth());
        String service = ServiceName.of(call.call());
        long forgetAt = forgetAt(call);
        nodes.put(id, TraceNode.placed(mark, service, forgetAt));
        due.add(forgetAt, id);
        for (String waiterId : next.waiters) {
          TraceNode waiter = nodes.get(waiterId).read();
          if (waiter != null && waiter.kind == Kind.WAITING && id.equals(waiter.call.bestParent())) {
            waitingForAncestors.dec();
            toPlace.push(new Placing(waiter.call, mark.child(service), waiter.waiters));
          }
        }
      }
      tally(first, firstMark, calls, depth);
    }

    /** Counts placed calls in their trace's summary, which a root starts. */
    private void tally(LinkedCall first, TraceMark mark, int calls, int depth) {
      TraceSummary trace = traces.get(mark.traceId()).read();
      if (trace == null && mark.depth() == 0) {
        CallRecord root = first.call();
        trace = new TraceSummary(mark.traceId(), ServiceName.of(root), root.startAtMs(), root.latencyMsec(), 0, 0);
      }
      if (trace != null) {
        traces.put(mark.traceId(), trace.with(calls, depth));
      }
    }

    /** The root is forgotten, so every call of its trace has come: the trace is written. */
    private void finish(String rootId) {
      TraceSummary trace = traces.get(rootId).read();
      if (trace != null) {
        traces.remove(rootId);
        completed.inc();
        out.get(TRACES).output(trace);
      }
    }
  }

  /** A call about to be placed, and the ids of those that waited for it. */
  private record Placing(LinkedCall call, TraceMark mark, String[] waiters) {}

  /**
   * When a call's parent has surely come if it ever will: the watermark is past the time the
   * linker emits a call that ends when the parent does. A parent not held when the child was
   * scored had been emitted already, so the child's own end stands in.
   */
  private long giveUpAt(LinkedCall call) {
    long parentEnd = call.parentScores().bestEndAtMs();
    long end = parentEnd == ParentScores.UNKNOWN_END ? call.call().endAtMs() : parentEnd;
    return CallsAtAddress.bothHalvesOutBy(end, skewToleranceMs) + CallsAtAddress.EMIT_GRANULE_MS;
  }

  /**
   * A placed call is kept until its children, which end no later than it (or the skew tolerance
   * after it), have surely come.
   */
  private long forgetAt(LinkedCall call) {
    long lastChildEnd = call.call().endAtMs() + skewToleranceMs;
    return CallsAtAddress.bothHalvesOutBy(lastChildEnd, skewToleranceMs) + CallsAtAddress.EMIT_GRANULE_MS;
  }
}

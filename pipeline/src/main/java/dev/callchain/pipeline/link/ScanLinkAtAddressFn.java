package dev.callchain.pipeline.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.CallRecordCoder;
import dev.callchain.pipeline.model.PartialLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.TimerMap;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * The prototype's linking algorithm, kept as the baseline the benchmarks measure the product
 * against ({@code --linker=scan}): each held call is a JSON string in state, re-parsed for every
 * comparison; each arrival scans every held call of the other role; every link rewrites the
 * partner's JSON link list; every call has its own emission timer. Same output as {@link
 * LinkAtAddressFn} on the same input; no idle flush (the prototype had none).
 */
final class ScanLinkAtAddressFn extends DoFn<KV<AddressSlice, AddressedCall>, KV<Integer, PartialLinks>> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PARENT = "p:";
  private static final String CHILD = "c:";

  private final Counter links = CallchainMetrics.counter(CallchainMetrics.LINKS);
  private final Counter lateCalls = CallchainMetrics.counter(CallchainMetrics.LATE_CALLS);
  private final Counter redelivered = CallchainMetrics.counter(CallchainMetrics.REDELIVERED);
  private final Counter held = CallchainMetrics.counter(CallchainMetrics.HELD);

  /** Calls held as parents (they went to this address), by id, as JSON {id, start, end, links}. */
  @StateId("parents")
  private final StateSpec<MapState<String, String>> parentsSpec =
      StateSpecs.map(StringUtf8Coder.of(), StringUtf8Coder.of());

  /** Calls held as children (they left this address), by id, as JSON. */
  @StateId("children")
  private final StateSpec<MapState<String, String>> childrenSpec =
      StateSpecs.map(StringUtf8Coder.of(), StringUtf8Coder.of());

  /** The children's full records, needed only when they are emitted. */
  @StateId("records")
  private final StateSpec<MapState<String, CallRecord>> recordsSpec =
      StateSpecs.map(StringUtf8Coder.of(), CallRecordCoder.of());

  /** How far this address has emitted: a call starting before it arrived late. */
  @StateId("emittedBefore")
  private final StateSpec<ValueState<Long>> emittedBeforeSpec = StateSpecs.value(VarLongCoder.of());

  @TimerFamily("emit")
  private final TimerSpec emitSpec = TimerSpecs.timerMap(TimeDomain.EVENT_TIME);

  @ProcessElement
  public void processElement(
      @Element KV<AddressSlice, AddressedCall> element,
      @StateId("parents") MapState<String, String> parents,
      @StateId("children") MapState<String, String> children,
      @StateId("records") MapState<String, CallRecord> records,
      @StateId("emittedBefore") ValueState<Long> emittedBefore,
      @TimerFamily("emit") TimerMap emitTimers) {
    AddressedCall call = element.getValue();
    MapState<String, String> own = call.isChild() ? children : parents;
    MapState<String, String> others = call.isChild() ? parents : children;
    if (own.get(call.id).read() != null) {
      if (call.isChild()) {
        redelivered.inc();
      }
      return;
    }
    String json = entry(call.id, call.start, call.end);
    for (Map.Entry<String, String> other : others.entries().read()) {
      ObjectNode held = parse(other.getValue());
      long start = held.get("start").asLong();
      long end = held.get("end").asLong();
      boolean linked =
          call.isChild()
              ? start <= call.start && end >= call.end
              : call.start <= start && call.end >= end;
      if (linked && !other.getKey().equals(call.id)) {
        others.put(other.getKey(), withLink(other.getValue(), call.id));
        json = withLink(json, other.getKey());
        links.inc();
      }
    }
    own.put(call.id, json);
    if (call.record != null) {
      records.put(call.id, call.record);
      Long before = emittedBefore.read();
      if (before != null && call.start < before) {
        lateCalls.inc();
      }
    }
    held.inc();
    emitTimers.set((call.isChild() ? CHILD : PARENT) + call.id, new Instant(call.end + 1));
  }

  /** The watermark passed this call's end: its links under this address are complete. */
  @OnTimerFamily("emit")
  public void onEmit(
      @TimerId String timerId,
      OnTimerContext context,
      @StateId("parents") MapState<String, String> parents,
      @StateId("children") MapState<String, String> children,
      @StateId("records") MapState<String, CallRecord> records,
      @StateId("emittedBefore") ValueState<Long> emittedBefore) {
    boolean child = timerId.startsWith(CHILD);
    String id = timerId.substring(CHILD.length());
    MapState<String, String> own = child ? children : parents;
    String json = own.get(id).read();
    if (json == null) {
      return;
    }
    ObjectNode entry = parse(json);
    String[] ids = sortedLinks(entry);
    PartialLinks half;
    if (child) {
      half = PartialLinks.parentsOf(records.get(id).read(), ids);
      records.remove(id);
    } else {
      half = PartialLinks.childrenOf(id, entry.get("start").asLong(), entry.get("end").asLong(), ids);
    }
    own.remove(id);
    held.dec();
    Long before = emittedBefore.read();
    long now = context.timestamp().getMillis();
    if (before == null || before < now) {
      emittedBefore.write(now);
    }
    context.output(KV.of(AssembleByIdFn.shardOf(id), half));
  }

  private static String entry(String id, long start, long end) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id).put("start", start).put("end", end).putArray("links");
    return write(node);
  }

  /** The prototype's way: parse the entry, append to its list, write it all back. */
  private static String withLink(String json, String id) {
    ObjectNode node = parse(json);
    ((ArrayNode) node.get("links")).add(id);
    return write(node);
  }

  private static String[] sortedLinks(ObjectNode node) {
    TreeSet<String> ids = new TreeSet<>();
    node.get("links").forEach(link -> ids.add(link.asText()));
    return ids.toArray(new String[0]);
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt linker state: " + json, e);
    }
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

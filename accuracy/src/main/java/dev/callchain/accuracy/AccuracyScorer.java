package dev.callchain.accuracy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scores the pipeline's output against the ground truth, overall and per service edge. */
public final class AccuracyScorer {
  private AccuracyScorer() {}

  public static Accuracy score(GroundTruth truth, LinkedOutput output) {
    LinkTally overall = new LinkTally();
    Map<ServiceEdge, LinkTally> byEdge = new EnumMap<>(ServiceEdge.class);
    for (ServiceEdge edge : ServiceEdge.values()) {
      byEdge.put(edge, new LinkTally());
    }
    boolean hasBestParent = output.records().stream().anyMatch(LinkedRecord::hasBestParent);
    Map<String, TraceVerdict> traces = new HashMap<>();
    List<String> missing = new ArrayList<>();
    List<String> unknownService = new ArrayList<>();
    for (Map.Entry<String, GroundTruth.Entry> entry : truth.byId().entrySet()) {
      String id = entry.getKey();
      String trueParent = entry.getValue().parentId();
      TraceVerdict trace = traces.computeIfAbsent(entry.getValue().traceId(), t -> new TraceVerdict());
      LinkedRecord record = output.get(id);
      if (record == null) {
        missing.add(id);
        trace.exact = false;
        trace.exactBestParent = false;
        continue;
      }
      overall.add(trueParent, record);
      ServiceEdge edge = ServiceEdge.ofCallee(record.dstIp());
      if (edge == null) {
        unknownService.add(id);
      } else {
        byEdge.get(edge).add(trueParent, record);
      }
      trace.exact &= trueParent == null
          ? record.parents().isEmpty()
          : record.parents().equals(List.of(trueParent));
      trace.exactBestParent &= record.hasBestParent()
          && (trueParent == null ? record.bestParent() == null : trueParent.equals(record.bestParent()));
    }
    List<String> unknown = new ArrayList<>();
    Concurrency concurrency = new Concurrency();
    for (LinkedRecord record : output.records()) {
      if (truth.get(record.id()) == null) {
        unknown.add(record.id());
      }
      concurrency.add(record);
    }
    return new Accuracy(
        overall,
        byEdge,
        traces.size(),
        traces.values().stream().filter(t -> t.exact).count(),
        traces.values().stream().filter(t -> t.exactBestParent).count(),
        hasBestParent,
        missing,
        unknown,
        unknownService,
        output.duplicates(),
        concurrency.mainCallsInFlightPerAddress());
  }

  /** Whether every record of one trace seen so far is exactly right. */
  private static final class TraceVerdict {
    boolean exact = true;
    boolean exactBestParent = true;
  }
}

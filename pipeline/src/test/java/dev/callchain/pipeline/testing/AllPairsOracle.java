package dev.callchain.pipeline.testing;

import dev.callchain.pipeline.model.CallRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** SPEC §2 by brute force over every pair: the expected links, to compare the pipeline with. */
public final class AllPairsOracle {
  private AllPairsOracle() {}

  /** id -> "parents=[..] children=[..]" for every distinct id. */
  public static Map<String, String> links(List<CallRecord> calls) {
    Map<String, TreeSet<String>> parents = new TreeMap<>();
    Map<String, TreeSet<String>> children = new TreeMap<>();
    for (CallRecord c : calls) {
      parents.put(c.id(), new TreeSet<>());
      children.put(c.id(), new TreeSet<>());
    }
    for (CallRecord p : calls) {
      for (CallRecord c : calls) {
        if (!p.id().equals(c.id())
            && p.dstIp().equals(c.srcIp())
            && p.startAtMs() <= c.startAtMs()
            && p.endAtMs() >= c.endAtMs()) {
          parents.get(c.id()).add(p.id());
          children.get(p.id()).add(c.id());
        }
      }
    }
    Map<String, String> links = new TreeMap<>();
    for (String id : parents.keySet()) {
      links.put(id, describe(new ArrayList<>(parents.get(id)), new ArrayList<>(children.get(id))));
    }
    return links;
  }

  public static String describe(List<String> parents, List<String> children) {
    return "parents=" + parents + " children=" + children;
  }
}

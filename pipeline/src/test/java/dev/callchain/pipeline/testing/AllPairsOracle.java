package dev.callchain.pipeline.testing;

import dev.callchain.pipeline.model.CallRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** SPEC §2 by brute force over every pair of calls that meet at an address: the expected links. */
public final class AllPairsOracle {
  private AllPairsOracle() {}

  /** id -> "parents=[..] children=[..]" for every distinct id. */
  public static Map<String, String> links(List<CallRecord> calls) {
    Map<String, TreeSet<String>> parents = new TreeMap<>();
    Map<String, TreeSet<String>> children = new TreeMap<>();
    Map<String, List<CallRecord>> callsFrom = new HashMap<>();
    for (CallRecord c : calls) {
      parents.put(c.id(), new TreeSet<>());
      children.put(c.id(), new TreeSet<>());
      callsFrom.computeIfAbsent(c.srcIp(), ip -> new ArrayList<>()).add(c);
    }
    // Only the pairs that share the address can link: 100,000 calls take a second, not minutes.
    for (CallRecord p : calls) {
      for (CallRecord c : callsFrom.getOrDefault(p.dstIp(), List.of())) {
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

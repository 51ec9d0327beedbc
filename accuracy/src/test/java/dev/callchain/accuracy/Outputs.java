package dev.callchain.accuracy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Hand-made pipeline output records and truth for the tests. */
final class Outputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Outputs() {}

  /** An output line without {@code best_parent}. */
  static String line(String id, String dstIp, List<String> parents) {
    return node(id, dstIp, parents).toString();
  }

  /** An output line with {@code best_parent} (null allowed). */
  static String line(String id, String dstIp, List<String> parents, String bestParent) {
    ObjectNode node = node(id, dstIp, parents);
    node.put("best_parent", bestParent);
    return node.toString();
  }

  /** An output line scored with a skew tolerance: {@code nearMisses} are scored beside the parents. */
  static String withNearMisses(String id, String dstIp, List<String> parents, List<String> nearMisses, String bestParent) {
    ObjectNode node = node(id, dstIp, parents);
    node.put("best_parent", bestParent);
    ObjectNode scores = node.putObject("parent_scores");
    parents.forEach(parent -> scores.put(parent, 0.5));
    nearMisses.forEach(near -> scores.put(near, 0.5));
    return node.toString();
  }

  static String revised(String id, List<String> parents, long revision) {
    ObjectNode node = node(id, "10.2.0.1", parents);
    node.put("revision", revision);
    return node.toString();
  }

  static LinkedOutput output(String... lines) {
    LinkedOutput output = new LinkedOutput();
    for (int i = 0; i < lines.length; i++) {
      output.add(LinkedRecord.parse(lines[i], "line " + (i + 1)));
    }
    return output;
  }

  private static ObjectNode node(String id, String dstIp, List<String> parents) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("src_ip", "10.0.0.1");
    node.put("dst_ip", dstIp);
    node.put("start_at_ms", 1000);
    node.put("end_at_ms", 1100);
    node.put("latency_msec", 100);
    ArrayNode array = node.putArray("parents");
    parents.forEach(array::add);
    node.putArray("children");
    return node;
  }
}

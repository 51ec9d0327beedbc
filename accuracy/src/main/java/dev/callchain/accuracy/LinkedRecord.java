package dev.callchain.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scoring needs of one pipeline output record (SPEC §3): its id, callee address and
 * times, its {@code parents} and {@code children}, and, from {@code --bestParent=true}, its
 * {@code best_parent} and its candidates (the keys of {@code parent_scores}: the parents, and the
 * near misses of {@code --skewToleranceMs}); a revised record carries {@code revision}.
 *
 * @param hasBestParent whether the record has a {@code best_parent} field at all (null or not)
 * @param revision the record's {@code revision}, 0 when it has none
 */
public record LinkedRecord(
    String id,
    String dstIp,
    long startAtMs,
    long endAtMs,
    List<String> parents,
    List<String> children,
    List<String> candidates,
    boolean hasBestParent,
    String bestParent,
    long revision) {

  /** Parses one output line; {@code where} names it in an error. */
  public static LinkedRecord parse(String line, String where) {
    JsonNode node = Json.read(line, where);
    JsonNode best = node.get("best_parent");
    JsonNode revision = node.get("revision");
    return new LinkedRecord(
        Json.text(node, "id", where),
        Json.text(node, "dst_ip", where),
        node.path("start_at_ms").asLong(),
        node.path("end_at_ms").asLong(),
        ids(node, "parents", where),
        ids(node, "children", where),
        candidates(node),
        best != null,
        best == null || best.isNull() ? null : best.asText(),
        revision == null ? 0 : revision.asLong());
  }

  private static List<String> candidates(JsonNode node) {
    List<String> ids = new ArrayList<>();
    node.path("parent_scores").fieldNames().forEachRemaining(ids::add);
    return ids;
  }

  private static List<String> ids(JsonNode node, String field, String where) {
    JsonNode array = node.get(field);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException(where + ": no \"" + field + "\" list in " + node);
    }
    List<String> ids = new ArrayList<>(array.size());
    array.forEach(id -> ids.add(id.asText()));
    return ids;
  }
}

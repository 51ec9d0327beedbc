package dev.callchain.pipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callchain.pipeline.model.CallRecord;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the pipeline's JSON output (and the simulator's input) back for assertions. */
public final class LinkedOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LinkedOutput() {}

  /** id -> links, in the oracle's form; fails if an id comes twice. */
  public static Map<String, String> links(Iterable<String> outputLines) {
    Map<String, String> links = new TreeMap<>();
    for (String line : outputLines) {
      String id = field(line, "id");
      String previous = links.put(id, linksOf(line));
      if (previous != null) {
        throw new AssertionError("emitted twice: " + id);
      }
    }
    return links;
  }

  /** The same, from Kafka records; fails unless each record's key is its id (SPEC §3). */
  public static Map<String, String> linksKeyedById(List<ConsumerRecord<String, String>> records) {
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      if (!field(record.value(), "id").equals(record.key())) {
        throw new AssertionError("key " + record.key() + " is not the id of " + record.value());
      }
      values.add(record.value());
    }
    return links(values);
  }

  /** One output record's links, in the oracle's form. */
  public static String linksOf(String outputLine) {
    JsonNode node = read(outputLine);
    return AllPairsOracle.describe(texts(node.get("parents")), texts(node.get("children")));
  }

  /** A call log line as the record the linking rule reads. */
  public static CallRecord call(String inputLine) {
    JsonNode node = read(inputLine);
    return CallRecord.of(
        node.get("id").asText(),
        node.get("src_ip").asText(),
        node.get("dst_ip").asText(),
        node.get("start_at_ms").asLong(),
        node.get("end_at_ms").asLong());
  }

  /** The text of one field of a JSON line. */
  public static String field(String line, String name) {
    return read(line).get(name).asText();
  }

  public static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("not JSON: " + line, e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}

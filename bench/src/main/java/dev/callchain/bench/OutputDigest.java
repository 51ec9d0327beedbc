package dev.callchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An output topic reduced to what SPEC §3 fixes, compactly: per id, a 64-bit fingerprint of its
 * sorted parents and children. Two runs agree when their digests are equal; two million ids fit
 * in a few hundred MB.
 */
final class OutputDigest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(200);
  /** Reading stops once the topic has been quiet this long after the expected count. */
  private static final Duration QUIET = Duration.ofSeconds(2);

  private final Map<String, Long> linksById = new HashMap<>();
  private long duplicates;
  private long keyMismatches;

  /** Adds one output record; counts an id seen twice and a key that is not the id. */
  void add(String key, String value) {
    JsonNode node = read(value);
    String id = node.get("id").asText();
    if (!id.equals(key)) {
      keyMismatches++;
    }
    if (linksById.put(id, fingerprint(node.get("parents"), node.get("children"))) != null) {
      duplicates++;
    }
  }

  int ids() {
    return linksById.size();
  }

  long duplicates() {
    return duplicates;
  }

  long keyMismatches() {
    return keyMismatches;
  }

  /** Reads a topic from the start until {@code expected} records came and it went quiet, or timeout. */
  static OutputDigest readTopic(String bootstrap, String topic, long expected, Duration timeout) {
    OutputDigest digest = new OutputDigest();
    Map<String, Object> config = FromStart.consumerConfig(bootstrap, "digest");
    long read = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    long quietSince = System.nanoTime();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (System.nanoTime() < deadline) {
        int polled = 0;
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          digest.add(record.key(), record.value());
          polled++;
        }
        read += polled;
        if (polled > 0) {
          quietSince = System.nanoTime();
        } else if (read >= expected && System.nanoTime() - quietSince > QUIET.toNanos()) {
          break;
        }
      }
    }
    return digest;
  }

  /** How two outputs differ; equal when every id is in both with the same links. */
  record Comparison(int leftIds, int rightIds, long onlyLeft, long onlyRight, long differing,
                    long duplicates, long keyMismatches, List<String> examples) {
    boolean equal() {
      return onlyLeft == 0 && onlyRight == 0 && differing == 0 && duplicates == 0 && keyMismatches == 0;
    }

    String describe() {
      if (equal()) {
        return "equal (" + leftIds + " ids)";
      }
      return String.format(
          "DIFFERENT: %d vs %d ids, %d only left, %d only right, %d with other links, %d duplicates,"
              + " %d keys not the id; e.g. %s", leftIds, rightIds, onlyLeft, onlyRight, differing, duplicates,
          keyMismatches, examples);
    }
  }

  Comparison compareWith(OutputDigest other) {
    long onlyLeft = 0;
    long differing = 0;
    List<String> examples = new ArrayList<>();
    for (Map.Entry<String, Long> entry : linksById.entrySet()) {
      Long theirs = other.linksById.get(entry.getKey());
      if (theirs == null || !theirs.equals(entry.getValue())) {
        if (theirs == null) {
          onlyLeft++;
        } else {
          differing++;
        }
        if (examples.size() < 3) {
          examples.add(entry.getKey());
        }
      }
    }
    long onlyRight = other.linksById.keySet().stream().filter(id -> !linksById.containsKey(id)).count();
    return new Comparison(ids(), other.ids(), onlyLeft, onlyRight, differing,
        duplicates + other.duplicates, keyMismatches + other.keyMismatches, examples);
  }

  /** FNV-1a over "parents|children", each list in its given (sorted) order. */
  static long fingerprint(JsonNode parents, JsonNode children) {
    long hash = 0xcbf29ce484222325L;
    for (JsonNode list : new JsonNode[] {parents, children}) {
      for (JsonNode id : list) {
        hash = mix(hash, id.asText());
        hash = mix(hash, ",");
      }
      hash = mix(hash, "|");
    }
    return hash;
  }

  private static long mix(long hash, String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private static JsonNode read(String value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("output record is not JSON: " + value, e);
    }
  }
}

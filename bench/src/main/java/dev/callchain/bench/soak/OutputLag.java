package dev.callchain.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callchain.bench.LatencySample;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the input and the output topic as they grow and pairs each call with its output: how
 * long after its floor (the earliest it can come out, {@link LatencySample}) each came out, per
 * window of input. Calls whose output is due are measured and forgotten, so memory stays bounded
 * however long the soak runs.
 */
final class OutputLag implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(200);

  /** One window: the calls whose output was due in it, and how late it came over the floor. */
  record Window(int calls, int missing, double p50OverFloorMs, double p99OverFloorMs) {}

  private final KafkaConsumer<String, String> input;
  private final KafkaConsumer<String, String> output;
  private final long boundMs;
  private final Map<String, LatencySample.Input> waiting = new HashMap<>();
  private final Map<String, Long> outputs = new HashMap<>();
  private final Set<String> everyIdIn = new HashSet<>();
  private final Set<String> everyIdOut = new HashSet<>();

  OutputLag(String bootstrapServers, String inputTopic, String outputTopic, long boundMs) {
    this.input = consumer(bootstrapServers, inputTopic);
    this.output = consumer(bootstrapServers, outputTopic);
    this.boundMs = boundMs;
  }

  private static KafkaConsumer<String, String> consumer(String bootstrapServers, String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "soak-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** Reads what both topics gained since the last call. */
  void catchUp() throws IOException {
    for (ConsumerRecord<String, String> record : input.poll(POLL)) {
      JsonNode call = JSON.readTree(record.value());
      String id = call.path("id").asText();
      everyIdIn.add(id);
      waiting.put(id, new LatencySample.Input(call.path("end_at_ms").asLong(), record.timestamp()));
    }
    for (ConsumerRecord<String, String> record : output.poll(POLL)) {
      everyIdOut.add(record.key());
      outputs.putIfAbsent(record.key(), record.timestamp());
    }
  }

  /**
   * Measures and forgets the calls whose floor passed more than {@code grace} before {@code
   * nowMs}: by then their output is due, and one still missing counts as missing.
   */
  Window due(long nowMs, Duration grace) {
    Map<String, LatencySample.Input> due = new HashMap<>();
    for (Iterator<Map.Entry<String, LatencySample.Input>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, LatencySample.Input> call = it.next();
      LatencySample.Input in = call.getValue();
      long floorAt = in.appendedMs() + LatencySample.floorMs(in.endAtMs(), boundMs, in.appendedMs());
      if (floorAt + grace.toMillis() <= nowMs) {
        due.put(call.getKey(), in);
        it.remove();
      }
    }
    Map<String, Long> dueOutputs = new HashMap<>();
    for (String id : due.keySet()) {
      Long at = outputs.remove(id);
      if (at != null) {
        dueOutputs.put(id, at);
      }
    }
    LatencySample sample = LatencySample.of(due, dueOutputs, boundMs);
    return new Window(due.size(), sample.missing(), sample.overFloorMs(50), sample.overFloorMs(99));
  }

  /** Ids that went in and have not come out (yet). */
  Set<String> notOut() {
    Set<String> missing = new HashSet<>(everyIdIn);
    missing.removeAll(everyIdOut);
    return missing;
  }

  int idsIn() {
    return everyIdIn.size();
  }

  int idsOut() {
    return everyIdOut.size();
  }

  @Override
  public void close() {
    input.close();
    output.close();
  }
}

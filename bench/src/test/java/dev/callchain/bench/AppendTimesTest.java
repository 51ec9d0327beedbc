package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Append times as the broker stamps them, read back from topics on an in-process broker. */
class AppendTimesTest {
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static void write(String topic, Map<String, String> valuesByKey) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      for (Map.Entry<String, String> e : valuesByKey.entrySet()) {
        producer.send(new ProducerRecord<>(topic, e.getKey(), e.getValue())).get();
      }
    }
  }

  private static String call(String id, long end) {
    return "{\"id\":\"" + id + "\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":" + (end - 10)
        + ",\"end_at_ms\":" + end + "}";
  }

  @Test
  void inputsTheRunMeasuresAndTheirOutputsAppendedByTheCutoff() throws Exception {
    Topics.create(broker, "calls-in", 2, true);
    Topics.create(broker, "calls-out", 2, true);
    long before = System.currentTimeMillis();
    write("calls-in", Map.of("a", call("a", 1_000), "b", call("b", 2_000), "c", call("c", 3_000),
        "d", call("d", 4_000)));
    long after = System.currentTimeMillis();
    AppendTimes appendTimes = new AppendTimes(broker.bootstrapServers());

    AppendTimes.Inputs inputs = appendTimes.inputs("calls-in", (end, appended) -> end >= 2_000);

    assertEquals(4, inputs.records());
    assertEquals(Set.of("b", "c", "d"), inputs.measured().keySet());
    LatencySample.Input c = inputs.measured().get("c");
    assertEquals(3_000, c.endAtMs());
    assertTrue(c.appendedMs() >= before && c.appendedMs() <= after, "the broker's append time: " + c);
    assertTrue(inputs.firstAppendedMs() >= before && inputs.lastAppendedMs() <= after, inputs.toString());

    write("calls-out", Map.of("b", call("b", 2_000), "c", call("c", 3_000), "x", call("x", 9_000)));
    long outputsWritten = System.currentTimeMillis();
    Map<String, Long> outputs =
        appendTimes.outputs("calls-out", inputs.measured().keySet(), outputsWritten);

    // d has no output: the reader stopped at the end the topic had at the cutoff.
    assertEquals(Set.of("b", "c"), outputs.keySet());
    assertTrue(outputs.get("b") >= after && outputs.get("b") <= outputsWritten, outputs.toString());
    assertEquals(Map.of(), appendTimes.outputs("calls-out", inputs.measured().keySet(), after - 1),
        "outputs appended after the cutoff do not count");
  }
}

package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.zipkin.DependencyLink;
import dev.callchain.zipkin.Span;
import dev.callchain.zipkin.ZipkinApi;
import dev.callchain.zipkin.ZipkinServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Zipkin server collects spans from Kafka as callchain will write them: one message
 * holding a JSON list of two Zipkin v2 spans (frontend's request and the call it made to cart)
 * comes back from the query API as one trace of two spans, child under parent, and as the
 * service graph's edge frontend -> cart.
 */
class ZipkinKafkaCollectorTest {
  private static final String TOPIC = "zipkin";
  private static final String TRACE_ID = "5af7183fb1d4cf5f";
  private static final String PARENT_ID = "6b221d5bc9e6496c";
  private static final String CHILD_ID = "7c332e6cdaf75a7d";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path work;

  @Test
  void spansFromTheTopicBecomeATraceAndADependency() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopic(TOPIC, 1);
      try (ZipkinServer zipkin =
          ZipkinServer.start(
              ZipkinServer.jarIn(Repo.root()), 0, broker.bootstrapServers(), TOPIC, work.resolve("zipkin.log"))) {
        long startMicros = Instant.now().toEpochMilli() * 1000;
        send(broker.bootstrapServers(), spans(startMicros));

        ZipkinApi api = zipkin.api();
        JobWatch.await("Zipkin to hold both spans", WAIT, () -> api.trace(TRACE_ID).size() == 2);
        Map<String, Span> byId = api.trace(TRACE_ID).stream().collect(Collectors.toMap(Span::id, Function.identity()));
        Span parent = byId.get(PARENT_ID);
        Span child = byId.get(CHILD_ID);
        assertNull(parent.parentId());
        assertEquals(PARENT_ID, child.parentId());
        assertEquals(TRACE_ID, child.traceId());
        assertEquals("frontend", parent.serviceName());
        assertEquals("cart", child.serviceName());
        assertEquals(startMicros + 20_000, child.timestamp());
        assertEquals(50_000, child.duration());

        List<List<Span>> traces = api.traces(10, Duration.ofHours(1));
        assertEquals(List.of(TRACE_ID), traces.stream().map(trace -> trace.get(0).traceId()).toList());

        List<DependencyLink> links = api.dependencies(Instant.now(), Duration.ofHours(1));
        assertEquals(List.of(new DependencyLink("frontend", "cart", 1, 0)), links);
      }
    }
  }

  /** The JSON list of Zipkin v2 spans, one Kafka message, as Zipkin's Kafka collector reads it. */
  private static String spans(long startMicros) {
    return "[" + span(PARENT_ID, null, "frontend", "get /checkout", startMicros, 150_000) + ","
        + span(CHILD_ID, PARENT_ID, "cart", "get /cart", startMicros + 20_000, 50_000) + "]";
  }

  private static String span(String id, String parentId, String service, String name, long timestamp, long duration) {
    return "{\"traceId\":\"" + TRACE_ID + "\",\"id\":\"" + id + "\""
        + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"")
        + ",\"kind\":\"SERVER\",\"name\":\"" + name + "\",\"timestamp\":" + timestamp + ",\"duration\":" + duration
        + ",\"localEndpoint\":{\"serviceName\":\"" + service + "\"}}";
  }

  private static void send(String bootstrapServers, String message) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, message)).get();
    }
  }
}

package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks what can be checked:
 * it parses, has the services and ports the README promises, and pins the pom's versions.
 */
class DockerComposeTest {
  private static JsonNode services;
  private static String text;

  @BeforeAll
  static void parse() throws Exception {
    Path file = Repo.root().resolve("docker-compose.yml");
    text = Files.readString(file);
    services = new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).get("services");
  }

  @Test
  void hasTheServicesTheReadmeNames() {
    for (String name : List.of("kafka", "topics", "jobmanager", "taskmanager", "zipkin", "submit", "simulator", "consume")) {
      assertTrue(services.has(name), "service " + name);
    }
  }

  @Test
  void publishesKafkaTheFlinkDashboardAndZipkin() {
    assertTrue(ports("kafka").contains("9092:9092"), "kafka 9092");
    assertTrue(ports("jobmanager").contains("8081:8081"), "dashboard 8081");
    assertTrue(ports("zipkin").contains("9411:9411"), "zipkin 9411");
  }

  /** In memory, collecting from the topic the topics service creates, on the broker's in-network listener. */
  @Test
  void zipkinCollectsFromTheBroker() {
    JsonNode environment = services.get("zipkin").get("environment");
    assertEquals("mem", environment.get("STORAGE_TYPE").asText());
    assertEquals("kafka:19092", environment.get("KAFKA_BOOTSTRAP_SERVERS").asText());
    assertEquals("zipkin", environment.get("KAFKA_TOPIC").asText());
    assertTrue(services.get("zipkin").get("depends_on").has("topics"), "zipkin starts after the topics exist");
  }

  @Test
  void usesThePomsVersions() {
    String kafka = System.getProperty("callchain.kafka.version");
    String flink = System.getProperty("callchain.flink.version");
    String zipkin = System.getProperty("callchain.zipkin.version");
    assertEquals("apache/kafka:" + kafka, services.get("kafka").get("image").asText());
    assertEquals("apache/kafka:" + kafka, services.get("topics").get("image").asText());
    for (String name : List.of("jobmanager", "taskmanager")) {
      String image = services.get(name).get("image").asText();
      assertTrue(image.startsWith("flink:" + flink + "-"), name + " image " + image);
    }
    assertEquals("openzipkin/zipkin:" + zipkin, services.get("zipkin").get("image").asText());
  }

  @Test
  void createsTheTopicsThePipelineUsesByDefault() {
    String command = services.get("topics").get("command").toString();
    for (String topic : List.of("test-topic", "linked-topic", "dead-letter-topic", "zipkin", "callchain-edges")) {
      assertTrue(command.contains(topic), topic);
    }
    assertTrue(command.contains("--partitions 5"));
  }

  @Test
  void submitsTheJarThePipelineModuleBuilds() {
    String command = services.get("submit").get("command").toString();
    assertTrue(command.contains("/pipeline/callchain-pipeline.jar"), command);
    assertTrue(command.contains("--runner=FlinkRunner"));
    assertTrue(text.contains("./pipeline/target:/pipeline"));
    assertTrue(Files.exists(Repo.root().resolve("pipeline/target/callchain-pipeline.jar")));
  }

  @Test
  void startsTheTaskManagerWithThePipelinesMeasuredJvmFlags() throws Exception {
    // Both Flink services take their environment from the x-flink-properties anchor.
    assertTrue(text.contains("environment: *flink-properties"), "Flink services use the anchor");
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(text);
    JsonNode flink =
        new ObjectMapper(new YAMLFactory())
            .readTree(compose.get("x-flink-properties").get("FLINK_PROPERTIES").asText());
    List<String> flags = new ArrayList<>();
    for (String line : Files.readAllLines(Repo.root().resolve("runner-configs/jvm.options"))) {
      String flag = line.strip();
      if (!flag.isEmpty() && !flag.startsWith("#")) {
        flags.add(flag);
      }
    }
    assertTrue(!flags.isEmpty(), "runner-configs/jvm.options lists flags");
    assertEquals(String.join(" ", flags), flink.path("env.java.opts.taskmanager").asText());
  }

  /** The restart strategy and checkpoint retention of the local stack's cluster, key for key. */
  @Test
  void recoversFromFailuresAsTheLocalStackDoes() throws Exception {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(text);
    JsonNode flink =
        new ObjectMapper(new YAMLFactory())
            .readTree(compose.get("x-flink-properties").get("FLINK_PROPERTIES").asText());
    Map<String, String> stack = new TreeMap<>();
    // Read by lines: the stack's file has @PLACEHOLDER@ values, which are not YAML.
    for (String line : Files.readAllLines(Repo.root().resolve("runner-configs/flink-cluster.yaml"))) {
      if (line.startsWith("restart-strategy.") || line.startsWith("execution.checkpointing.externalized")) {
        int colon = line.indexOf(':');
        stack.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    assertEquals("exponential-delay", stack.get("restart-strategy.type"));
    Map<String, String> composed = new TreeMap<>();
    flink.fields().forEachRemaining(field -> {
      if (stack.containsKey(field.getKey())) {
        composed.put(field.getKey(), field.getValue().asText());
      }
    });
    assertEquals(stack, composed);
  }

  private static List<String> ports(String service) {
    List<String> ports = new ArrayList<>();
    services.get(service).get("ports").forEach(port -> ports.add(port.asText()));
    return ports;
  }
}

package dev.callchain.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.OptionsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a,b\" password=\"p;w=1\";";

  @TempDir Path dir;

  /** Commas, quotes, semicolons and equals signs arrive as written: why the option is a file. */
  @Test
  void aPropertiesFileIsReadAsWritten() throws IOException {
    Path file =
        write(
            "security.protocol=SASL_SSL",
            "sasl.mechanism=PLAIN",
            "sasl.jaas.config=" + JAAS.replace("\\", "\\\\"),
            "ssl.enabled.protocols=TLSv1.2,TLSv1.3");

    Map<String, Object> settings = KafkaClientProperties.read(file.toString()).settings();

    assertEquals(
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", JAAS,
            "ssl.enabled.protocols", "TLSv1.2,TLSv1.3"),
        settings);
  }

  @Test
  void noFileIsNoSettings() {
    assertEquals(Map.of(), KafkaClientProperties.read(null).settings());
  }

  @Test
  void whatCallchainSetsItselfIsRefusedByNameNeverByValue() throws IOException {
    Path file = write("bootstrap.servers=elsewhere:9092", "acks=1", "sasl.mechanism=PLAIN");

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.read(file.toString()));

    assertEquals(
        "--kafkaProperties=" + file + " sets what callchain sets itself:"
            + " acks (every write is acknowledged by all replicas, at least once);"
            + " bootstrap.servers (give it with --bootstrapServers)",
        refused.getMessage());
  }

  @Test
  void aMissingFileIsExplained() {
    Path missing = dir.resolve("missing.properties");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.read(missing.toString()));
    assertEquals("--kafkaProperties=" + missing + ": no such file", refused.getMessage());
  }

  @Test
  void printedItNamesTheKeysOnly() {
    String printed = KafkaClientProperties.of(Map.of("sasl.jaas.config", JAAS)).toString();
    assertTrue(printed.contains("sasl.jaas.config"), printed);
    assertFalse(printed.contains("p;w=1"), printed);
  }

  /** A setting the consumer gets from callchain can never be overridden, or override, unseen. */
  @Test
  void everySettingTheConsumerGetsFromCallchainIsRefused() throws IOException {
    Path file = write("security.protocol=SASL_SSL");
    CallchainOptions options =
        OptionsReader.read(new String[] {"--kafkaProperties=" + file}, Map.of());

    Map<String, Object> consumer = ReadCallLogsFromKafka.consumerConfigUpdates(KafkaSettings.from(options));

    assertEquals("SASL_SSL", consumer.get("security.protocol"));
    consumer.keySet().stream()
        .filter(key -> !key.equals("security.protocol"))
        .forEach(key -> assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.of(Map.of(key, "x")), key));
  }

  private Path write(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "kafka", ".properties");
    Files.write(file, List.of(lines), StandardCharsets.ISO_8859_1);
    return file;
  }
}

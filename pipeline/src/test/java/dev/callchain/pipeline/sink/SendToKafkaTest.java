package dev.callchain.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.callchain.pipeline.io.KafkaClientProperties;
import dev.callchain.pipeline.io.KafkaSettings;
import dev.callchain.pipeline.options.OptionsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendToKafkaTest {
  /** A setting the producers get from callchain can never be overridden, or override, unseen. */
  @Test
  void theProducersGetTheSettingsAndCallchainsOwnAreRefusedThere(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("kafka.properties"), "security.protocol=SSL\n");
    KafkaSettings kafka =
        KafkaSettings.from(OptionsReader.read(new String[] {"--kafkaProperties=" + file}, Map.of()));

    Map<String, Object> producer = SendToKafka.producerConfig(kafka, 1_000_000);

    assertEquals("SSL", producer.get("security.protocol"));
    producer.keySet().stream()
        .filter(key -> !key.equals("security.protocol"))
        .forEach(key -> assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.of(Map.of(key, "x")), key));
  }
}

package dev.callchain.pipeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Kafka client settings of {@code --kafkaProperties} (SASL, TLS, timeouts, ...), given to the
 * consumer, to every producer and to the start-up check. Settings callchain makes itself are
 * refused rather than overridden either way, each with where it is set instead. Values may be
 * secrets: nothing here prints one ({@link #toString} names the keys).
 */
public final class KafkaClientProperties implements Serializable {
  /** Each setting callchain makes itself, and why a file may not make it. */
  private static final Map<String, String> REFUSED =
      Map.ofEntries(
          Map.entry("bootstrap.servers", "give it with --bootstrapServers"),
          Map.entry("group.id", "give it with --consumerGroup"),
          Map.entry("auto.offset.reset", "give it with --autoOffsetReset"),
          Map.entry("max.request.size", "it follows --maxRecordBytes"),
          Map.entry("key.deserializer", "records are read as bytes"),
          Map.entry("value.deserializer", "records are read as bytes"),
          Map.entry("key.serializer", "records are written as bytes"),
          Map.entry("value.serializer", "records are written as bytes"),
          Map.entry("enable.auto.commit", "offsets are committed with each checkpoint"),
          Map.entry("acks", "every write is acknowledged by all replicas, at least once"),
          Map.entry("enable.idempotence", "every write is acknowledged by all replicas, at least once"),
          Map.entry("linger.ms", "it bounds how long a linked call waits in the producer"));

  private final TreeMap<String, String> settings;

  private KafkaClientProperties(Map<String, String> settings) {
    this.settings = new TreeMap<>(settings);
  }

  /**
   * The settings of a Java properties file, read as Kafka's own tools read theirs
   * ({@code --command-config}); none when {@code file} is null.
   *
   * @throws IllegalArgumentException when the file cannot be read or makes a refused setting
   */
  public static KafkaClientProperties read(@Nullable String file) {
    if (file == null) {
      return new KafkaClientProperties(Map.of());
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--kafkaProperties=" + file + ": no such file");
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--kafkaProperties=" + file + " cannot be read: " + e.getMessage());
    }
    Map<String, String> settings = new TreeMap<>();
    properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
    try {
      return of(settings);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--kafkaProperties=" + file + " " + e.getMessage());
    }
  }

  /** @throws IllegalArgumentException naming each refused setting (never its value) */
  public static KafkaClientProperties of(Map<String, String> settings) {
    List<String> refused = new ArrayList<>();
    for (String key : new TreeMap<>(settings).keySet()) {
      if (REFUSED.containsKey(key)) {
        refused.add(key + " (" + REFUSED.get(key) + ")");
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException(
          "sets what callchain sets itself: " + String.join("; ", refused));
    }
    return new KafkaClientProperties(settings);
  }

  /** The settings, for a Kafka client's configuration. */
  public Map<String, Object> settings() {
    return Collections.<String, Object>unmodifiableMap(settings);
  }

  /** The keys only: a value may be a password. */
  @Override
  public String toString() {
    return "Kafka client settings " + settings.keySet();
  }
}

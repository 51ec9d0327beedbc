package dev.callchain.pipeline.io;

import dev.callchain.pipeline.options.CallchainOptions;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** Where the pipeline's Kafka topics are (SPEC §5), and how its clients connect. */
public final class KafkaSettings implements Serializable {
  private final String bootstrapServers;
  private final String inputTopic;
  private final String outputTopic;
  private final String deadLetterTopic;
  private final String consumerGroup;
  private final String autoOffsetReset;
  private final KafkaClientProperties clientProperties;
  private final boolean exactlyOnce;

  private KafkaSettings(
      String bootstrapServers,
      String inputTopic,
      String outputTopic,
      String deadLetterTopic,
      String consumerGroup,
      String autoOffsetReset,
      KafkaClientProperties clientProperties,
      boolean exactlyOnce) {
    this.bootstrapServers = bootstrapServers;
    this.inputTopic = inputTopic;
    this.outputTopic = outputTopic;
    this.deadLetterTopic = deadLetterTopic;
    this.consumerGroup = consumerGroup;
    this.autoOffsetReset = autoOffsetReset;
    this.clientProperties = clientProperties;
    this.exactlyOnce = exactlyOnce;
  }

  /** @throws IllegalArgumentException when --kafkaProperties cannot be read or is refused */
  public static KafkaSettings from(CallchainOptions options) {
    return new KafkaSettings(
        options.getBootstrapServers(),
        options.getInputTopic(),
        options.getOutputTopic(),
        options.getDeadLetterTopic(),
        options.getConsumerGroup(),
        options.getAutoOffsetReset(),
        KafkaClientProperties.read(options.getKafkaProperties()),
        options.getExactlyOnce());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String inputTopic() {
    return inputTopic;
  }

  public String outputTopic() {
    return outputTopic;
  }

  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  public String consumerGroup() {
    return consumerGroup;
  }

  public String autoOffsetReset() {
    return autoOffsetReset;
  }

  /**
   * How a client of the pipeline connects: the --kafkaProperties settings and the bootstrap
   * servers, in a new map the caller adds its own settings to.
   */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(clientProperties.settings());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** The --kafkaProperties settings every client of the pipeline gets. */
  public KafkaClientProperties clientProperties() {
    return clientProperties;
  }

  /** Whether every topic is written in transactions (--exactlyOnce). */
  public boolean exactlyOnce() {
    return exactlyOnce;
  }
}

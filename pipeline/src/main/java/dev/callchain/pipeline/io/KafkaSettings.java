package dev.callchain.pipeline.io;

import java.io.Serializable;

/** Where the pipeline's Kafka topics are (SPEC §5). */
public final class KafkaSettings implements Serializable {
  private final String bootstrapServers;
  private final String inputTopic;
  private final String outputTopic;
  private final String deadLetterTopic;
  private final String consumerGroup;
  private final String autoOffsetReset;

  public KafkaSettings(
      String bootstrapServers,
      String inputTopic,
      String outputTopic,
      String deadLetterTopic,
      String consumerGroup,
      String autoOffsetReset) {
    this.bootstrapServers = bootstrapServers;
    this.inputTopic = inputTopic;
    this.outputTopic = outputTopic;
    this.deadLetterTopic = deadLetterTopic;
    this.consumerGroup = consumerGroup;
    this.autoOffsetReset = autoOffsetReset;
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
}

package dev.callchain.simulator.output;

/** Where records go in Kafka; {@code partitions} is used only when the topic must be created. */
public record KafkaTarget(String bootstrapServers, String topic, int partitions) {
}

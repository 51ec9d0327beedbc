package dev.callchain.pipeline.graph;

import dev.callchain.pipeline.io.KafkaClientProperties;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The service graph's topic, read from its start into a {@link LiveGraph}: every partition
 * assigned here, so no consumer group, no rebalance and no offsets committed.
 */
final class GraphTopic implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final PrintStream err;

  /** @throws IllegalStateException when the topic does not exist */
  GraphTopic(ShowGraphOptions options, PrintStream err) {
    Map<String, Object> config = new HashMap<>(KafkaClientProperties.read(options.getKafkaProperties()).settings());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.getBootstrapServers());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A mistyped topic is reported, not created empty.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.err = err;
    List<PartitionInfo> infos = consumer.partitionsFor(options.getEdgesTopic(), Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      consumer.close();
      throw new IllegalStateException(
          "no topic " + options.getEdgesTopic() + " at " + options.getBootstrapServers()
              + ": has a pipeline with --traces=true written its graph there yet?");
    }
    this.partitions = infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads up to the topic's end as it is now. */
  void readToEnd(LiveGraph graph) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
      poll(graph);
    }
  }

  /** Reads what comes for {@code period}. */
  void readFor(Duration period, LiveGraph graph) {
    long until = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < until) {
      poll(graph);
    }
  }

  private void poll(LiveGraph graph) {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
      if (record.value() == null) {
        continue;
      }
      try {
        graph.add(GraphJson.read(record.value()));
      } catch (IllegalArgumentException e) {
        err.println("graph: skipped " + record.topic() + "/" + record.partition() + "@" + record.offset() + ": "
            + e.getMessage() + ": " + new String(record.value(), StandardCharsets.UTF_8));
      }
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}

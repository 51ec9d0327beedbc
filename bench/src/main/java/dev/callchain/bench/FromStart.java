package dev.callchain.bench;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The consumer settings of every reader in the bench: a group of its own (so it reads the whole
 * topic from the start, whoever read it before), no commits, large polls, and only what was
 * committed (the same as everything for a topic no transaction writes, the output of
 * --exactlyOnce as its readers see it).
 */
final class FromStart {
  private FromStart() {}

  static Map<String, Object> consumerConfig(String bootstrap, String purpose) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "bench-" + purpose + "-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
  }
}

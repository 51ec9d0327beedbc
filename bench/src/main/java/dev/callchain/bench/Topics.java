package dev.callchain.bench;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the bench's topics on the in-process broker. */
final class Topics {
  private static final long SETTLE_MS = 500;

  private Topics() {}

  /**
   * Creates a topic and waits until clients can use it. With {@code logAppendTime} the broker
   * stamps every record with the time it appended it, the clock the latency run measures with.
   */
  static void create(EmbeddedKafkaBroker broker, String name, int partitions, boolean logAppendTime) {
    if (logAppendTime) {
      NewTopic topic =
          new NewTopic(name, partitions, (short) 1)
              .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(topic)).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("could not create topic " + name, e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted creating topic " + name, e);
      }
    }
    broker.createTopic(name, partitions); // creates it if still missing, and waits for it
    // Metadata shows a leader a moment before the broker accepts writes as one.
    try {
      Thread.sleep(SETTLE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + name, e);
    }
  }
}

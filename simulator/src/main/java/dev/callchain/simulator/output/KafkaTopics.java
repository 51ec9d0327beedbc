package dev.callchain.simulator.output;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes sure the topic exists before anything is generated. It is also the reachability
 * check: a broker that does not answer within {@link #TIMEOUT} is an error, never a run
 * that silently goes on without Kafka.
 */
final class KafkaTopics {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KafkaTopics() {
    }

    /** Creates the topic when missing; returns its partition count. */
    static int ensure(KafkaTarget target) throws KafkaUnavailableException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            if (!get(admin.listTopics().names()).contains(target.topic())) {
                try {
                    get(admin.createTopics(List.of(new NewTopic(target.topic(),
                            Optional.of(target.partitions()), Optional.empty()))).all());
                    return target.partitions();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // Someone else created it meanwhile: use theirs.
                }
            }
            return get(admin.describeTopics(List.of(target.topic())).allTopicNames())
                    .get(target.topic()).partitions().size();
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException(target.bootstrapServers(), e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new KafkaUnavailableException(target.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(target.bootstrapServers(), e);
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        // A little beyond the client's own timeout, so its clearer error usually wins.
        return future.get(TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS);
    }
}

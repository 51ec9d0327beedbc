package dev.callchain.simulator.output;

import dev.callchain.simulator.model.CallRecord;
import dev.callchain.simulator.model.RecordSink;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each record's JSON to a Kafka topic without a key, round-robin over all partitions
 * (the pipeline must not rely on keyed partitions; the default partitioner would stick to
 * one partition per batch). Durable: acks=all with idempotence.
 */
public final class KafkaSink implements RecordSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final RecordJson json = new RecordJson();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicBoolean errorReported = new AtomicBoolean();
    private final Callback acknowledged = (metadata, error) -> {
        if (error == null) {
            sent.incrementAndGet();
        } else {
            errors.incrementAndGet();
            // The count goes into the summary; one example explains it without flooding.
            if (errorReported.compareAndSet(false, true)) {
                LOG.warn("sending to Kafka failed (further failures are only counted): {}", error.toString());
            }
        }
    };
    private long nextPartition;

    private KafkaSink(KafkaProducer<byte[], byte[]> producer, String topic, int partitions) {
        this.producer = producer;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** Connects, creating the topic when it is missing; fails clearly when Kafka is unreachable. */
    public static KafkaSink open(KafkaTarget target) throws KafkaUnavailableException {
        int partitions = KafkaTopics.ensure(target);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(target.bootstrapServers()));
        // Fetching the topic's metadata now keeps the first send from stalling a paced run.
        producer.partitionsFor(target.topic());
        return new KafkaSink(producer, target.topic(), partitions);
    }

    private static Properties producerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Large batches that fill quickly make throughput; linger bounds the wait at low rates.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        // A broker that goes away mid-run surfaces as send errors within bounded time.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    @Override
    public void deliver(CallRecord record) {
        int partition = (int) (nextPartition++ % partitions);
        producer.send(new ProducerRecord<>(topic, partition, null, json.toBytes(record)), acknowledged);
    }

    @Override
    public long sent() {
        return sent.get();
    }

    @Override
    public long errors() {
        return errors.get();
    }

    @Override
    public void close() {
        producer.flush();
        producer.close(CLOSE_TIMEOUT);
    }
}

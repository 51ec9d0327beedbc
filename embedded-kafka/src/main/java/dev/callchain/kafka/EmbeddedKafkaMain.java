package dev.callchain.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an embedded broker until the process is killed, for the demo.
 *
 * <p>Usage: {@code [--port N] [--data-dir DIR] [--topics a:5,b:5]}. Prints {@code READY
 * <bootstrap>} on stdout once the topics exist, so a script can wait for that line. Without
 * {@code --data-dir} the data goes to a temporary directory removed on exit.
 */
public final class EmbeddedKafkaMain {

    private static final String USAGE = "usage: [--port N] [--data-dir DIR] [--topics name:partitions,...]";

    private EmbeddedKafkaMain() {}

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path dataDir = null;
        String topics = "";
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i] + "; " + USAGE);
            }
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--topics" -> topics = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        // Kafka logs a lot at INFO. Only matters when slf4j-simple is the binding; a level set by the user wins.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }

        EmbeddedKafkaBroker broker =
                dataDir == null
                        ? EmbeddedKafkaBroker.startInTempDir(port)
                        : EmbeddedKafkaBroker.start(port, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-shutdown"));
        for (String topic : topics.split(",")) {
            if (!topic.isBlank()) {
                String[] nameAndPartitions = topic.trim().split(":");
                int partitions = nameAndPartitions.length > 1 ? Integer.parseInt(nameAndPartitions[1]) : 5;
                broker.createTopic(nameAndPartitions[0], partitions);
            }
        }
        System.out.println("READY " + broker.bootstrapServers());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed; the shutdown hook stops the broker
    }
}

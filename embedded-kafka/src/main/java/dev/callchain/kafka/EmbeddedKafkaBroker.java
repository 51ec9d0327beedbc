package dev.callchain.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real Kafka broker running inside this JVM: one KRaft node that is both broker and
 * controller, listening on loopback only. For tests and the one-command demo. Its client listener
 * is plaintext, or requires a SASL/PLAIN login ({@link #startWithSaslPlain}); the controller's
 * stays plaintext, as only the node itself talks to it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String PLAINTEXT = "PLAINTEXT";
    private static final String SASL_PLAINTEXT = "SASL_PLAINTEXT";
    private static final int NODE_ID = 1;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final Admin admin;
    private final String bootstrapServers;
    private final Map<String, Object> clientConfig;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(
            KafkaRaftServer server,
            Admin admin,
            String bootstrapServers,
            Map<String, Object> clientConfig,
            Path dataDir,
            boolean ownsDataDir) {
        this.server = server;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.clientConfig = clientConfig;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /** Starts a broker on a free loopback port in a fresh temporary directory. */
    public static EmbeddedKafkaBroker start() throws IOException {
        return startInTempDir(0);
    }

    /**
     * Starts like {@link #start()}, with a client listener that accepts only {@code user}'s
     * SASL/PLAIN login; {@link #clientConfig()} is that login.
     */
    public static EmbeddedKafkaBroker startWithSaslPlain(SaslPlain user) throws IOException {
        return startInTempDir(0, user);
    }

    /**
     * Starts on the given port (0 = free port) with its data under dataDir (created if missing;
     * NOT deleted on close if given by caller).
     */
    public static EmbeddedKafkaBroker start(int port, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return launch(port, dataDir, false, null);
    }

    /** Like {@link #start()} but on a chosen port; the temporary directory goes away on close. */
    static EmbeddedKafkaBroker startInTempDir(int port) throws IOException {
        return startInTempDir(port, null);
    }

    private static EmbeddedKafkaBroker startInTempDir(int port, SaslPlain sasl) throws IOException {
        Path dir = Files.createTempDirectory("embedded-kafka-");
        try {
            return launch(port, dir, true, sasl);
        } catch (IOException | RuntimeException e) {
            Utils.delete(dir.toFile());
            throw e;
        }
    }

    /** {@code sasl} null: a plaintext client listener. */
    private static EmbeddedKafkaBroker launch(int port, Path dataDir, boolean ownsDataDir, SaslPlain sasl)
            throws IOException {
        int[] ports = freePorts(2);
        int brokerPort = port == 0 ? ports[0] : port;
        int controllerPort = ports[1];
        String bootstrap = HOST + ":" + brokerPort;
        format(dataDir);
        Map<String, Object> settings =
                config(sasl == null ? PLAINTEXT : SASL_PLAINTEXT, brokerPort, controllerPort, dataDir);
        Map<String, Object> clientConfig = Map.of();
        if (sasl != null) {
            settings.putAll(sasl.brokerConfig(SASL_PLAINTEXT));
            clientConfig = sasl.clientConfig();
        }
        KafkaConfig config = new KafkaConfig(settings, false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Admin admin = null;
        try {
            server.startup();
            Map<String, Object> adminConfig = new HashMap<>(clientConfig);
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            admin = Admin.create(adminConfig);
            // startup() returns once the broker is unfenced; this proves it also answers clients.
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) STARTUP_TIMEOUT.toMillis()))
                    .nodes()
                    .get();
            return new EmbeddedKafkaBroker(server, admin, bootstrap, clientConfig, dataDir, ownsDataDir);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            stop(server);
            throw new IOException(
                    "Embedded Kafka broker did not start on " + bootstrap + " (data in " + dataDir + ")", e);
        }
    }

    /** What {@code kafka-storage.sh format} does; skipped for a directory formatted by an earlier run. */
    private static void format(Path dataDir) throws IOException {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dataDir.toString())
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .run();
        } catch (Exception e) {
            throw new IOException("Could not format Kafka storage in " + dataDir, e);
        }
    }

    /** {@code listener}: the client listener's name, which is also its security protocol. */
    private static Map<String, Object> config(String listener, int brokerPort, int controllerPort, Path dataDir) {
        Map<String, Object> c = new HashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", NODE_ID);
        c.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        c.put("listeners",
                listener + "://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        c.put("advertised.listeners", listener + "://" + HOST + ":" + brokerPort);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        c.put("inter.broker.listener.name", listener);
        c.put("log.dirs", dataDir.toString());
        c.put("num.partitions", 5); // the prototype's topic default
        c.put("auto.create.topics.enable", true);
        // A single node can hold only one replica of the internal topics.
        c.put("offsets.topic.replication.factor", (short) 1);
        c.put("transaction.state.log.replication.factor", (short) 1);
        c.put("transaction.state.log.min.isr", 1);
        // Speed: consumer groups form at once, and the offsets topic is small to create.
        c.put("group.initial.rebalance.delay.ms", 0);
        c.put("offsets.topic.num.partitions", 1);
        return c;
    }

    /** Holds all sockets open together so that the ports are distinct. */
    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * What a client gives besides {@code bootstrap.servers}: nothing for a plaintext broker, the
     * protocol and login of the user for one started with {@link #startWithSaslPlain}.
     */
    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    /** Where the broker keeps its data; for tests. */
    Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the topic if missing (replication 1) and waits until it is ready (metadata visible for
     * all partitions).
     *
     * @throws IllegalStateException if the topic exists with another partition count, or is not
     *     ready in time
     */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** The same, with topic configs (e.g. {@code max.message.bytes}) for a topic it creates. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topic " + name, e);
        }
        awaitTopic(name, partitions);
    }

    /** The controller has the topic now; wait until the broker's metadata, which clients read, has it too. */
    private void awaitTopic(String name, int partitions) {
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            TopicDescription topic = describe(name);
            if (topic != null && topic.partitions().stream().allMatch(p -> p.leader() != null)) {
                if (topic.partitions().size() != partitions) {
                    throw new IllegalStateException(
                            "Topic " + name + " exists with " + topic.partitions().size()
                                    + " partitions, not " + partitions);
                }
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("Topic " + name + " not ready after " + TOPIC_TIMEOUT);
    }

    private TopicDescription describe(String name) {
        try {
            return admin.describeTopics(List.of(name)).topicNameValues().get(name).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw new IllegalStateException("Could not describe topic " + name, e.getCause());
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for topic " + name, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Stops the broker, waits for shutdown, deletes the temp directory if it made it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        admin.close(Duration.ofSeconds(5));
        stop(server);
        if (ownsDataDir) {
            try {
                Utils.delete(dataDir.toFile());
            } catch (IOException e) {
                throw new IllegalStateException("Could not delete " + dataDir, e);
            }
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }
}

package dev.callchain.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.kafka.SaslPlain;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.Rejection;
import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.OptionsReader;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.BadCallLogs;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.TestCalls;
import dev.callchain.pipeline.testing.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.beam.runners.core.construction.SerializablePipelineOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a broker that requires a SASL/PLAIN login, on the FlinkRunner's embedded
 * cluster. With the login in --kafkaProperties it reads, links and writes, and the password is
 * nowhere in what it prints or logs, nor in the options the runner shows in Flink's web UI. With a
 * wrong password it ends within seconds, saying in one line that authentication failed.
 */
class SecuredKafkaTest {
  private static final String PASSWORD = "pw-Qx7vT2mZ";
  private static final String WRONG_PASSWORD = "pw-Wr0ngKp9";
  private static final SaslPlain USER = new SaslPlain("callchain", PASSWORD);
  /** A refused login must end a run well within this: no waiting out a client's timeouts. */
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(240);
  /** The jar's own level (slf4j-simple: info), and what Kafka's login and Beam's KafkaIO say below it. */
  private static final List<String> LOGGING =
      List.of(
          "-Xmx1g",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
          "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.security=debug",
          "-Dorg.slf4j.simpleLogger.log.org.apache.beam.sdk.io.kafka=debug");

  private static EmbeddedKafkaBroker broker;
  private static Topics topics;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() throws IOException {
    broker = EmbeddedKafkaBroker.startWithSaslPlain(USER);
    topics = new Topics(broker.bootstrapServers(), broker.clientConfig());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void withTheLoginInKafkaPropertiesTheCallsAreLinkedAndThePasswordIsNeverPrinted() throws Exception {
    List<CallRecord> calls = LinkingScenarios.randomCalls(new Random(17), 150);
    List<String> values = new ArrayList<>();
    calls.forEach(call -> values.add(TestCalls.json(call)));
    String bad = BadCallLogs.EXAMPLES.get(Rejection.MISSING_FIELD);
    values.add(bad);
    List<Integer> partitions = new ArrayList<>();
    values.forEach(value -> partitions.add(partitions.size() % 5));
    for (String topic : List.of("secured-in", "secured-out", "secured-dead")) {
      broker.createTopic(topic, 5);
    }
    topics.send("secured-in", values, partitions);

    CallchainProcess.Outcome run = callchain("secured", USER.clientConfig(), "--maxRecords=" + values.size());

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("run finished"), run.output());
    assertFalse(run.output().contains(PASSWORD), "the password is in what callchain printed:\n" + run.output());
    List<ConsumerRecord<String, String>> linked =
        topics.readUntil("secured-out", read -> read.size() >= calls.size(), WAIT);
    assertEquals(AllPairsOracle.links(calls), LinkedOutput.linksKeyedById(linked));
    List<ConsumerRecord<String, String>> dead = topics.readUntil("secured-dead", read -> !read.isEmpty(), WAIT);
    assertEquals(bad, LinkedOutput.field(dead.get(0).value(), "original"));
  }

  @Test
  void aWrongPasswordEndsTheRunWithOneLineNamingAuthentication() throws Exception {
    broker.createTopic("refused-in", 5);

    CallchainProcess.Outcome run =
        callchain("refused", SaslPlain.clientConfig(USER.username(), WRONG_PASSWORD), "--maxRecords=10");

    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.took().compareTo(BOUND) < 0, "took " + run.took());
    List<String> said = run.output().lines().filter(line -> line.startsWith("callchain:")).toList();
    assertEquals(1, said.size(), run.output());
    assertTrue(said.get(0).contains("authentication to Kafka at " + broker.bootstrapServers() + " failed"), said.get(0));
    assertFalse(run.output().contains(WRONG_PASSWORD), run.output());
  }

  /**
   * What the runner itself does, without callchain's check first. Submitting succeeds: the job's
   * source asks the broker for the topic's partitions only once it runs, in the JobManager (Beam
   * 2.70's FlinkRunner splits there). The job then fails on authentication; without restarts
   * (here) that ends it at once, but a streaming job's checkpointing brings Flink's default
   * restart strategy, which would retry for ever: why callchain checks the login first.
   */
  @Test
  void withoutTheCheckAWrongPasswordFailsTheJobOnAuthentication() throws Exception {
    Path properties = propertiesFile(SaslPlain.clientConfig(USER.username(), WRONG_PASSWORD));
    long started = System.nanoTime();

    Exception failure =
        assertThrows(Exception.class, () -> KafkaJobs.run(broker, "unchecked", "--kafkaProperties=" + properties));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(BOUND) < 0, "took " + took);
    assertTrue(causedBy(failure, SaslAuthenticationException.class), () -> describe(failure));
  }

  @Test
  void theOptionsTheRunnerShowsHoldThePathNotThePassword() throws Exception {
    Path properties = propertiesFile(USER.clientConfig());
    CallchainOptions options =
        OptionsReader.read(new String[] {"--runner=FlinkRunner", "--kafkaProperties=" + properties}, Map.of());

    // What the FlinkRunner puts in the job's configuration, which Flink's web UI shows.
    String shown = new SerializablePipelineOptions(options).toString();

    assertTrue(shown.contains(properties.toString()), shown);
    assertFalse(shown.contains(PASSWORD), shown);
  }

  /** Runs the command a person would, reading {@code <name>-in} from the earliest offset. */
  private CallchainProcess.Outcome callchain(String name, Map<String, Object> login, String... extra)
      throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--runner=FlinkRunner", "--kafkaProperties=" + propertiesFile(login)));
    args.addAll(KafkaJobs.topics(broker, name));
    args.addAll(List.of(extra));
    return CallchainProcess.run(dir, WAIT, LOGGING, args);
  }

  private Path propertiesFile(Map<String, Object> settings) throws IOException {
    Properties properties = new Properties();
    properties.putAll(settings);
    Path file = Files.createTempFile(dir, "kafka", ".properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, null);
    }
    return file;
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      chain.append(cause).append('\n');
    }
    return chain.toString();
  }
}

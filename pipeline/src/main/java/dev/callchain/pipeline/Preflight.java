package dev.callchain.pipeline;

import dev.callchain.pipeline.io.KafkaSettings;
import dev.callchain.pipeline.options.CallchainOptions;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Checks, before a run starts, what a person can fix: the input file, and the broker and the login
 * to it. Each failure is one line. A refused login would otherwise show only once the job runs:
 * its source first asks the broker for the topic's partitions in Flink's JobManager, which fails
 * the job with a stack trace in the cluster's log; a streaming job is then restarted by its
 * checkpointing's restart strategy and fails the same way, again and again.
 */
final class Preflight {
  private static final int KAFKA_TIMEOUT_S = 10;

  private Preflight() {}

  static void check(CallchainOptions options) throws Failure {
    FileSystems.setDefaultPipelineOptions(options);
    if (options.getExactlyOnce()) {
      checkExactlyOnce(options);
    }
    if (options.getInputFile() != null) {
      checkInputFile(options.getInputFile());
    } else {
      checkKafka(KafkaSettings.from(options), options.getKafkaProperties());
    }
  }

  /** Transactions commit with checkpoints: without the FlinkRunner's, nothing would be written. */
  private static void checkExactlyOnce(CallchainOptions options) throws Failure {
    if (options.getInputFile() != null) {
      throw new Failure("--exactlyOnce writes to Kafka in transactions; a file run (--inputFile) has none");
    }
    if (!FlinkRunner.class.isAssignableFrom(options.getRunner())
        || options.getCheckpointingInterval() == null
        || options.getCheckpointingInterval() <= 0) {
      throw new Failure(
          "--exactlyOnce commits its Kafka transactions with the runner's checkpoints: run it on the"
              + " FlinkRunner with --checkpointingInterval (e.g. --runnerConfig=runner-configs/flink-cluster.conf"
              + " --checkpointingInterval=10000)");
    }
  }

  private static void checkInputFile(String pattern) throws Failure {
    try {
      FileSystems.match(pattern, EmptyMatchTreatment.DISALLOW).metadata();
    } catch (IOException e) {
      throw new Failure(
          "no input file matches --inputFile=" + pattern
              + " (give a JSON Lines file, e.g. one written by the simulator's --out)");
    }
  }

  /** Connects as the pipeline's clients will, with the --kafkaProperties settings ({@code file}). */
  private static void checkKafka(KafkaSettings kafka, @Nullable String file) throws Failure {
    String bootstrapServers = kafka.bootstrapServers();
    Map<String, Object> config = kafka.clientConfig();
    // The check's own bounds: a few seconds, whatever the settings give the pipeline's clients.
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, KAFKA_TIMEOUT_S * 1000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, KAFKA_TIMEOUT_S * 1000);
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(KAFKA_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException refused) {
        throw new Failure(
            "authentication to Kafka at " + bootstrapServers + " failed: " + refused.getMessage()
                + (file == null
                    ? ". A broker that requires SASL or TLS needs its client settings in --kafkaProperties"
                    : ". Check the SASL/TLS settings in --kafkaProperties=" + file));
      }
      throw unreachable(bootstrapServers, file);
    } catch (TimeoutException | RuntimeException e) {
      throw unreachable(bootstrapServers, file);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted while checking Kafka");
    }
  }

  private static Failure unreachable(String bootstrapServers, @Nullable String file) {
    return new Failure(
        "cannot reach Kafka at " + bootstrapServers + " within " + KAFKA_TIMEOUT_S + " s; start a"
            + " broker (scripts/stack start) or point --bootstrapServers / KAFKA_BOOTSTRAP at one,"
            + " or read a file with --inputFile"
            // A plaintext client at a SASL or TLS listener is not refused: it waits for an answer.
            + (file == null ? "; a broker that requires SASL or TLS needs --kafkaProperties" : ""));
  }

  static final class Failure extends Exception {
    Failure(String message) {
      super(message);
    }
  }
}

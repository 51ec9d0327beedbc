package dev.callchain.pipeline;

import dev.callchain.pipeline.options.CallchainOptions;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Checks, before a run starts, what a person can fix: the input file and the broker. */
final class Preflight {
  private static final int KAFKA_TIMEOUT_S = 10;

  private Preflight() {}

  static void check(CallchainOptions options) throws Failure {
    FileSystems.setDefaultPipelineOptions(options);
    if (options.getInputFile() != null) {
      checkInputFile(options.getInputFile());
    } else {
      checkKafka(options.getBootstrapServers());
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

  private static void checkKafka(String bootstrapServers) throws Failure {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, KAFKA_TIMEOUT_S * 1000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, KAFKA_TIMEOUT_S * 1000);
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(KAFKA_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new Failure(
          "cannot reach Kafka at " + bootstrapServers + " within " + KAFKA_TIMEOUT_S + " s; start a"
              + " broker (scripts/stack start) or point --bootstrapServers / KAFKA_BOOTSTRAP at one,"
              + " or read a file with --inputFile");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted while checking Kafka");
    }
  }

  static final class Failure extends Exception {
    Failure(String message) {
      super(message);
    }
  }
}

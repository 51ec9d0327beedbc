package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.bench.stack.LocalStack;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain through real separate processes: {@code scripts/stack} starts a Kafka broker, a
 * Flink JobManager and two TaskManagers; the simulator jar writes to the broker; the pipeline jar
 * is submitted detached with the README's command; the output topic is checked against the
 * all-pairs oracle. Everything started is stopped by its pid at the end.
 */
class StackEndToEndTest {
  private static final Duration WAIT = Duration.ofMinutes(4);

  @TempDir Path work;

  @Test
  void theSubmittedPipelineLinksTheSimulatorsCallsOnTheStack() throws Exception {
    try (LocalStack stack = new LocalStack(Repo.root(), work.resolve("stack"))) {
      stack.start();

      // Into the stack's broker; then the same seeded run again, to a file: what the broker got.
      Path simulated = work.resolve("simulated.jsonl");
      simulate(stack);
      simulate(stack, "--out", simulated.toString());
      List<String> malformed = List.of("{\"id\":\"only-an-id\"}", "<xml/>");
      Topics topics = new Topics(stack.bootstrapServers());
      topics.send("test-topic", malformed, List.of(0, 1));

      LocalStack.Outcome submitted = stack.submit("--idleFlushMs=5000");
      assertEquals(0, submitted.exitCode(), submitted.output());
      assertTrue(submitted.output().contains("job submitted (detached)"), submitted.output());

      List<CallRecord> calls = new ArrayList<>();
      Files.readAllLines(simulated).forEach(line -> calls.add(LinkedOutput.call(line)));
      List<ConsumerRecord<String, String>> linked =
          topics.readUntil("linked-topic", read -> read.size() >= calls.size(), WAIT);

      LocalStack.Outcome status = stack.stack("status");
      assertEquals(0, status.exitCode(), status.output());
      assertTrue(status.output().contains("RUNNING"), status.output());

      assertEquals(AllPairsOracle.links(calls), LinkedOutput.linksKeyedById(linked));

      List<ConsumerRecord<String, String>> dead =
          topics.readUntil("dead-letter-topic", read -> read.size() >= malformed.size(), WAIT);
      TreeSet<String> originals = new TreeSet<>();
      dead.forEach(letter -> originals.add(LinkedOutput.field(letter.value(), "original")));
      assertEquals(new TreeSet<>(malformed), originals);
    }
  }

  private static void simulate(LocalStack stack, String... destination) throws Exception {
    List<String> command =
        new ArrayList<>(
            stack.simulator(
                "--count", "300", "--interval", "20", "--seed", "3",
                "--base-time-ms", "1700000000000", "--id-prefix", "stack_"));
    command.addAll(List.of(destination));
    LocalStack.Outcome outcome = stack.run(command, 300);
    assertEquals(0, outcome.exitCode(), outcome.output());
  }
}

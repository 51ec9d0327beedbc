package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.bench.stack.LocalStack;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The simulator jar streaming into the stack's broker in real time, as a user runs it, in the
 * background while a test does harm to the stack. The same seeded run is first written to a file,
 * which says how many records the broker must end up holding.
 */
final class LiveSimulation implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int expectedRecords;

  private LiveSimulation(Process process, Path log, int expectedRecords) {
    this.process = process;
    this.log = log;
    this.expectedRecords = expectedRecords;
  }

  /** {@code traces} requests, one every {@code intervalMs} of wall-clock time on average. */
  static LiveSimulation start(LocalStack stack, Path work, int traces, double intervalMs) throws Exception {
    String[] run = {
      "--count", Integer.toString(traces), "--interval", Double.toString(intervalMs),
      "--ip-pool-size", "20", "--seed", "17", "--id-prefix", "live_",
      "--base-time-ms", Long.toString(System.currentTimeMillis()), "--progress-every", "0"
    };
    Path file = work.resolve("simulated.jsonl");
    List<String> toFile = new ArrayList<>(stack.simulator(run));
    toFile.addAll(List.of("--out", file.toString()));
    LocalStack.Outcome written = stack.run(toFile, 300);
    assertEquals(0, written.exitCode(), written.output());
    int expected = (int) Files.lines(file).count();

    List<String> live = new ArrayList<>(stack.simulator(run));
    live.add("--realtime");
    Path log = work.resolve("simulator.log");
    return new LiveSimulation(stack.launch(live, log), log, expected);
  }

  /**
   * Waits for the simulator to finish (its sends confirmed) and returns what the input topic
   * holds, which must be every record it simulated.
   */
  List<CallRecord> awaitInput(Topics topics, Duration limit) throws Exception {
    if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the simulator did not finish in " + limit + ":\n" + Files.readString(log));
    }
    assertEquals(0, process.exitValue(), Files.readString(log));
    List<ConsumerRecord<String, String>> read =
        topics.readUntil("test-topic", records -> records.size() >= expectedRecords, limit);
    assertEquals(expectedRecords, read.size(), "records in the input topic");
    List<CallRecord> calls = new ArrayList<>();
    read.forEach(record -> calls.add(LinkedOutput.call(record.value())));
    return calls;
  }

  /** Stops the simulator by its own pid if a test ends before it did. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}

package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.bench.stack.LocalStack;
import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.testing.DeliveryAudit;
import dev.callchain.pipeline.testing.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults done to the real stack's processes while the simulator streams in real time and the
 * submitted pipeline links: a TaskManager killed, the broker stopped. Nobody acts but the test's
 * fault; the output, deduplicated by id (the last record wins), must then equal the all-pairs
 * oracle: no id missing, no link wrong. Each scenario's figures go to {@link ReliabilityReport}.
 */
class StackFaultsTest {
  private static final Duration WAIT = Duration.ofMinutes(4);
  /** Short enough that a fault taken for idleness would flush calls early and lose links. */
  private static final String IDLE_FLUSH = "--idleFlushMs=15000";
  private static final String CHECKPOINTS = "--checkpointingInterval=5000";

  @TempDir Path work;

  @Test
  void aTaskManagerKilledMidStreamLosesNoCallAndNoLink() throws Exception {
    killATaskManagerMidStream("TaskManager `kill -9`", Map.of());
  }

  /** The same kill with the output in transactions: what a committed reader sees has no id twice. */
  @Test
  void aTaskManagerKilledWithExactlyOnceWritesNoIdTwice() throws Exception {
    DeliveryAudit audit =
        killATaskManagerMidStream(
            "TaskManager `kill -9`, --exactlyOnce",
            Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            "--exactlyOnce=true");
    assertEquals(0, audit.duplicates(), audit.summary());
  }

  /**
   * Kills a TaskManager halfway between two checkpoints and checks the job comes back by itself
   * and its output, read with {@code readerConfig}, is whole.
   */
  private DeliveryAudit killATaskManagerMidStream(String scenario, Map<String, Object> readerConfig, String... options)
      throws Exception {
    try (LocalStack stack = new LocalStack(Repo.root(), work.resolve("stack"));
        LiveSimulation simulation = startStackAndSimulator(stack)) {
      List<String> submitted = new ArrayList<>(List.of(CHECKPOINTS, IDLE_FLUSH));
      submitted.addAll(List.of(options));
      JobWatch job = JobWatch.submit(stack, WAIT, submitted.toArray(String[]::new));
      job.awaitNewCheckpoint(WAIT);
      // Midway to the next checkpoint: what was written since the last one is written again.
      Thread.sleep(2_500);

      ProcessHandle taskManager = stack.component("taskmanager-1");
      long killedAt = System.nanoTime();
      taskManager.destroyForcibly(); // SIGKILL
      taskManager.onExit().join();
      Duration recovery = job.awaitRecovery(killedAt, WAIT);

      // The stack shows the loss; its start brings the TaskManager back.
      assertEquals(1, stack.stack("status").exitCode(), "status with a TaskManager down");
      stack.start();
      LocalStack.Outcome status = stack.stack("status");
      assertEquals(0, status.exitCode(), status.output());

      DeliveryAudit audit = audit(new Topics(stack.bootstrapServers(), readerConfig), simulation);
      ReliabilityReport.add(scenario, recovery, audit);
      assertEquals(0, audit.missingIds(), audit.summary());
      assertEquals(0, audit.wrongIds(), audit.summary());
      // Counters of what is held start at zero in the restored job, the state does not: once all is
      // out, they must read zero again, not below.
      assertCounterSettlesAtZero(job, "LinkAtAddress", CallchainMetrics.HELD);
      assertCounterSettlesAtZero(job, "AssembleById", CallchainMetrics.WAITING_HALVES);
      return audit;
    }
  }

  @Test
  void theBrokerStoppedForTwentySecondsLosesNoCallAndNoLink() throws Exception {
    try (LocalStack stack = new LocalStack(Repo.root(), work.resolve("stack"));
        LiveSimulation simulation = startStackAndSimulator(stack)) {
      JobWatch job = JobWatch.submit(stack, WAIT, CHECKPOINTS, IDLE_FLUSH);
      job.awaitNewCheckpoint(WAIT);

      ProcessHandle broker = stack.component("kafka");
      long stoppedAt = System.nanoTime();
      broker.destroy(); // SIGTERM: the broker shuts down cleanly
      broker.onExit().join();
      Thread.sleep(Duration.ofSeconds(20).toMillis());
      stack.start();
      Duration back = Duration.ofNanos(System.nanoTime() - stoppedAt);

      DeliveryAudit audit = audit(new Topics(stack.bootstrapServers()), simulation);
      ReliabilityReport.add("broker stopped 20 s (SIGTERM), then started", back, audit);
      assertEquals("RUNNING", job.state(), "the job rides out the outage");
      assertEquals(0, job.restarts(), "the job rides out the outage without a restart");
      assertEquals(0, audit.missingIds(), audit.summary());
      assertEquals(0, audit.wrongIds(), audit.summary());
    }
  }

  private LiveSimulation startStackAndSimulator(LocalStack stack) throws Exception {
    stack.start();
    // About 1,100 records/s for 40 s, each delivered up to 30 s late (the simulator's default).
    return LiveSimulation.start(stack, work, 8_000, 5);
  }

  /** Every simulated record in, then the output until every id came out. */
  private static DeliveryAudit audit(Topics topics, LiveSimulation simulation) throws Exception {
    List<CallRecord> input = simulation.awaitInput(topics, WAIT);
    Set<String> ids = new HashSet<>();
    input.forEach(call -> ids.add(call.id()));
    List<ConsumerRecord<String, String>> output =
        topics.readUntil("linked-topic", read -> idsOut(read).containsAll(ids), WAIT);
    return DeliveryAudit.of(input, output);
  }

  private static Set<String> idsOut(List<ConsumerRecord<String, String>> records) {
    Set<String> ids = new HashSet<>();
    records.forEach(record -> ids.add(record.key()));
    return ids;
  }

  private static void assertCounterSettlesAtZero(JobWatch job, String step, String counter) throws Exception {
    AtomicReference<Optional<Long>> last = new AtomicReference<>(Optional.empty());
    try {
      JobWatch.await(step + " " + counter + " = 0", Duration.ofMinutes(1), () -> {
        last.set(job.counter(step, counter));
        return last.get().isPresent() && last.get().get() == 0;
      });
    } catch (AssertionError notZero) {
      throw new AssertionError(step + " " + counter + " read " + last.get() + " once everything was out", notZero);
    }
  }

}

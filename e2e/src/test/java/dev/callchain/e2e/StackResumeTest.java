package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.bench.stack.LocalStack;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.testing.DeliveryAudit;
import dev.callchain.pipeline.testing.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user runs to stop and resume a job on the stack, while the simulator streams in real
 * time: the job cancelled and resumed from the last checkpoint the cluster kept ({@code stack
 * last-checkpoint}), then stopped with a savepoint ({@code stack savepoint}) and resumed from it.
 * Nothing may be lost, and the savepoint may write nothing twice: no record the stopped job wrote
 * comes again from the one resumed from its savepoint. What the first job wrote after its
 * checkpoint is written again, as the README says; some of it may come only from the last job (a
 * call the second job still held when it stopped), and that is the checkpoint's repeat, not the
 * savepoint's.
 */
class StackResumeTest {
  private static final Duration WAIT = Duration.ofMinutes(4);
  private static final Pattern SAVEPOINT = Pattern.compile("stack: savepoint (\\S+)");

  @TempDir Path work;

  @Test
  void aJobResumesFromItsLastCheckpointAndFromItsSavepointLosingNothing() throws Exception {
    try (LocalStack stack = new LocalStack(Repo.root(), work.resolve("stack"))) {
      stack.start();
      Topics topics = new Topics(stack.bootstrapServers());
      try (LiveSimulation simulation = LiveSimulation.start(stack, work, 8_000, 5)) {
        JobWatch first = JobWatch.submit(stack, WAIT, "--checkpointingInterval=5000");
        first.awaitNewCheckpoint(WAIT);
        assertEquals(0, stack.stack("cancel", first.id).exitCode());
        first.awaitState("CANCELED", WAIT);
        Map<Integer, Long> writtenByFirst = topics.endOffsets("linked-topic");
        LocalStack.Outcome kept = stack.stack("last-checkpoint", first.id);
        assertEquals(0, kept.exitCode(), kept.output());
        String checkpoint = kept.output().trim();
        assertTrue(checkpoint.contains(first.id + "/chk-"), checkpoint);

        long cancelledAt = System.nanoTime();
        JobWatch second = JobWatch.submit(stack, WAIT, "--checkpointingInterval=5000", "--savepointPath=" + checkpoint);
        second.awaitState("RUNNING", WAIT);
        Duration resumed = Duration.ofNanos(System.nanoTime() - cancelledAt);
        // Resumed, not started afresh (which, from the committed offsets, could lose nothing too).
        assertTrue(second.awaitRestoredFrom(WAIT).endsWith(checkpoint), "restored from " + checkpoint);
        second.awaitNewCheckpoint(WAIT);
        LocalStack.Outcome stopped = stack.stack("savepoint", second.id);
        assertEquals(0, stopped.exitCode(), stopped.output());
        Matcher savepoint = SAVEPOINT.matcher(stopped.output());
        assertTrue(savepoint.find(), stopped.output());
        second.awaitState("FINISHED", WAIT);
        // The job has stopped: what it wrote is all there is until the next one starts.
        Map<Integer, Long> writtenBySecond = topics.endOffsets("linked-topic");

        JobWatch third = JobWatch.submit(stack, WAIT, "--checkpointingInterval=5000", "--savepointPath=" + savepoint.group(1));
        assertEquals(savepoint.group(1), third.awaitRestoredFrom(WAIT));
        List<CallRecord> input = simulation.awaitInput(topics, WAIT);
        Set<String> ids = new HashSet<>();
        input.forEach(call -> ids.add(call.id()));
        // Every id, and all that the first two jobs wrote (a fixed read time once missed some).
        List<ConsumerRecord<String, String>> output =
            topics.readUntil(
                "linked-topic", read -> keys(read).containsAll(ids) && readsAllBefore(read, writtenBySecond), WAIT);
        assertTrue(readsAllBefore(output, writtenBySecond), "read all that was written before the savepoint");

        DeliveryAudit audit = DeliveryAudit.of(input, output);
        ReliabilityReport.add("cancelled, resumed from its last checkpoint; later stopped with a savepoint and resumed", resumed, audit);
        assertEquals(0, audit.missingIds(), audit.summary());
        assertEquals(0, audit.wrongIds(), audit.summary());
        assertEquals(
            Set.of(), writtenTwiceAcross(output, writtenByFirst, writtenBySecond),
            "ids the stopped job wrote, written again after its savepoint");
      }

      // A job that cannot start (no such savepoint) is refused with the reason, ends FAILED, and the
      // stack's status says so.
      LocalStack.Outcome refused = stack.submit("--savepointPath=" + work.resolve("no-such-savepoint").toUri());
      assertTrue(refused.exitCode() != 0, refused.output());
      assertTrue(refused.output().contains("Cannot find checkpoint or savepoint"), refused.output());
      LocalStack.Outcome status = stack.stack("status");
      assertEquals(1, status.exitCode(), status.output());
      assertTrue(status.output().contains("a job FAILED"), status.output());
    }
  }

  /**
   * Whether {@code read} holds every record below the partitions' offsets {@code ends}; each place
   * counted once, since a reader whose group rebalances may be handed a record again.
   */
  private static boolean readsAllBefore(List<ConsumerRecord<String, String>> read, Map<Integer, Long> ends) {
    long below =
        read.stream()
            .filter(record -> record.offset() < ends.get(record.partition()))
            .map(record -> List.of((long) record.partition(), record.offset()))
            .distinct()
            .count();
    return below == ends.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Set<String> keys(List<ConsumerRecord<String, String>> records) {
    Set<String> keys = new HashSet<>();
    records.forEach(record -> keys.add(record.key()));
    return keys;
  }

  /**
   * The ids the second job wrote (between the partitions' offsets {@code first} and {@code second})
   * that the third wrote again (from {@code second} on).
   */
  private static Set<String> writtenTwiceAcross(
      List<ConsumerRecord<String, String>> all, Map<Integer, Long> first, Map<Integer, Long> second) {
    Set<String> bySecond = new HashSet<>();
    Set<String> byThird = new HashSet<>();
    for (ConsumerRecord<String, String> record : all) {
      if (record.offset() >= second.get(record.partition())) {
        byThird.add(record.key());
      } else if (record.offset() >= first.get(record.partition())) {
        bySecond.add(record.key());
      }
    }
    byThird.retainAll(bySecond);
    return byThird;
  }
}

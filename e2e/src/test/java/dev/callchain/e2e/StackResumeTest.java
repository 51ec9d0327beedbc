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
 * Nothing may be lost; across the savepoint nothing may be written twice.
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
        // The job has stopped: what it wrote is all there is until the next one starts. All of it
        // is read (a fixed read time once missed some, which then counted as written after).
        long writtenSize = topics.size("linked-topic");
        Set<String> writtenBefore =
            positions(topics.readUntil("linked-topic", read -> read.size() >= writtenSize, WAIT));
        assertEquals(writtenSize, writtenBefore.size(), "read all that was written before the savepoint");

        JobWatch third = JobWatch.submit(stack, WAIT, "--checkpointingInterval=5000", "--savepointPath=" + savepoint.group(1));
        assertEquals(savepoint.group(1), third.awaitRestoredFrom(WAIT));
        List<CallRecord> input = simulation.awaitInput(topics, WAIT);
        Set<String> ids = new HashSet<>();
        input.forEach(call -> ids.add(call.id()));
        List<ConsumerRecord<String, String>> output =
            topics.readUntil("linked-topic", read -> keys(read).containsAll(ids), WAIT);

        DeliveryAudit audit = DeliveryAudit.of(input, output);
        ReliabilityReport.add("cancelled, resumed from its last checkpoint; later stopped with a savepoint and resumed", resumed, audit);
        assertEquals(0, audit.missingIds(), audit.summary());
        assertEquals(0, audit.wrongIds(), audit.summary());
        assertEquals(Set.of(), writtenTwiceAcross(writtenBefore, output), "ids written again after the savepoint");
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

  /** Each record's place in the topic. */
  private static Set<String> positions(List<ConsumerRecord<String, String>> records) {
    Set<String> positions = new HashSet<>();
    records.forEach(record -> positions.add(record.partition() + "@" + record.offset()));
    return positions;
  }

  private static Set<String> keys(List<ConsumerRecord<String, String>> records) {
    Set<String> keys = new HashSet<>();
    records.forEach(record -> keys.add(record.key()));
    return keys;
  }

  /** The ids of records written before the savepoint that were written again after it. */
  private static Set<String> writtenTwiceAcross(Set<String> before, List<ConsumerRecord<String, String>> all) {
    Set<String> idsBefore = new HashSet<>();
    Set<String> idsAfter = new HashSet<>();
    for (ConsumerRecord<String, String> record : all) {
      (before.contains(record.partition() + "@" + record.offset()) ? idsBefore : idsAfter).add(record.key());
    }
    idsAfter.retainAll(idsBefore);
    return idsAfter;
  }
}

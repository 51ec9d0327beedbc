package dev.callchain.pipeline;

import static dev.callchain.pipeline.testing.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.TestCalls;
import dev.callchain.pipeline.testing.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped mid-stream for longer than the idle flush, then started again, on the
 * FlinkRunner: an outage is not idleness (SPEC §4). Before, every address's idle flush fired during
 * the outage and emitted its calls with the links found so far; the calls delivered after it could
 * no longer reach them.
 */
class BrokerOutageTest {
  private static final long BASE = 1_600_000_000_000L;
  private static final long IDLE_FLUSH_MS = 15_000;
  private static final Duration OUTAGE = Duration.ofSeconds(25);
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void anOutageLongerThanTheIdleFlushLosesNoLink() throws Exception {
    int port = freePort();
    Path data = dir.resolve("kafka");
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, data);
    PipelineResult job = null;
    try {
      // Before: long callers held at their addresses, and short calls that come out at once.
      List<CallRecord> before = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        before.add(call("caller" + i, "g", "s" + i % 3, BASE + i, BASE + 120_000));
        before.add(call("early" + i, "x", "y", BASE + i * 10, BASE + i * 10 + 5));
      }
      before.add(call("mover", "m", "n", BASE + 5_000, BASE + 5_001)); // the watermark to BASE + 4,000
      // After the outage: the callers' children, then a call that moves the watermark past all.
      List<CallRecord> after = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        after.add(call("child" + i, "s" + i % 3, "d" + i % 4, BASE + 10_000 + i * 100, BASE + 10_050 + i * 100));
      }
      after.add(call("sentinel", "t1", "t2", BASE + 3_600_000, BASE + 3_600_001));

      Topics topics = new Topics(broker.bootstrapServers());
      job =
          KafkaJobs.start(
              broker, "outage", "--maxOutOfOrderMs=1000", "--idlePartitionMs=2000",
              "--idleFlushMs=" + IDLE_FLUSH_MS);
      send(topics, before);
      // The short calls are out: the job has read what came before the outage.
      topics.readUntil("outage-out", read -> read.size() >= 10, WAIT);

      broker.close();
      Thread.sleep(OUTAGE.toMillis());
      broker = EmbeddedKafkaBroker.start(port, data);
      topics = new Topics(broker.bootstrapServers());
      send(topics, after);

      List<CallRecord> all = new ArrayList<>(before);
      all.addAll(after);
      List<ConsumerRecord<String, String>> linked =
          topics.readUntil("outage-out", read -> read.size() >= all.size() - 1, WAIT);
      Map<String, String> expected = AllPairsOracle.links(all);
      expected.remove("sentinel"); // held: nothing moves the watermark past it
      assertEquals(expected, LinkedOutput.linksKeyedById(linked));
    } finally {
      if (job != null) {
        job.cancel();
      }
      broker.close();
    }
  }

  private static void send(Topics topics, List<CallRecord> calls) throws Exception {
    List<String> values = new ArrayList<>();
    calls.forEach(call -> values.add(TestCalls.json(call)));
    topics.send("outage-in", values, Collections.nCopies(values.size(), 0));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

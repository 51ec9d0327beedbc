package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's own path, tiny: a simulator dataset in a real topic, the raw reader and callchain
 * each in a child JVM, and callchain's output checked against the all-pairs oracle and against
 * the bench's own digest of it; then both systems drain a dataset as live streams.
 */
class BenchSmokeTest {
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static EmbeddedKafkaBroker broker;

  @TempDir static Path work;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void rawReaderAndCallchainReadEveryRecordAndCallchainLinksAsTheOracle() throws Exception {
    Runs runs = new Runs(broker, new ChildJvm("1g", work.resolve("logs")),
        Path.of("../runner-configs/flink-embedded.conf").toAbsolutePath(), WAIT);
    Datasets.Dataset data = new Datasets(broker).intoKafka(Workload.dense(2_000), runs.freshTopic("smoke"));
    assertTrue(data.records() >= 2_000, "records written: " + data.records());

    ChildResult raw = runs.raw(data);
    assertEquals(data.records(), raw.records());
    assertTrue(raw.peakHeapBytes() > 0);

    Runs.PipelineRun callchain = runs.callchain("index", data, List.of()).orElseThrow();
    assertEquals(data.records(), callchain.result().records());
    assertTrue(callchain.result().metric("held_per_address_max") > 0);

    Topics topics = new Topics(broker.bootstrapServers());
    List<CallRecord> input = topics.readUntil(data.topic(), read -> read.size() >= data.records(), WAIT)
        .stream().map(ConsumerRecord::value).map(LinkedOutput::call).toList();
    List<ConsumerRecord<String, String>> output =
        topics.readUntil(callchain.outputTopic(), read -> read.size() >= data.records(), WAIT);
    assertEquals(AllPairsOracle.links(input), LinkedOutput.linksKeyedById(output));

    OutputDigest digest = runs.digest(callchain);
    assertEquals(data.records(), digest.ids());
    assertTrue(digest.compareWith(runs.digest(callchain)).equal());
    assertEquals(0, digest.keyMismatches());
  }

  @Test
  void bothSystemsDrainADatasetAsLiveStreamsIntoEqualOutputs() throws Exception {
    Runs runs = new Runs(broker, new ChildJvm("1g", work.resolve("logs")),
        Path.of("../runner-configs/flink-embedded.conf").toAbsolutePath(), WAIT);
    Datasets.Dataset data = new Datasets(broker).intoKafka(Workload.dense(2_000), runs.freshTopic("live"));
    // 2,000 dense records span half a second of event time, so the idle flush emits them all: a
    // short one keeps the test short.
    List<String> quickFlush = List.of("--idleFlushMs=2000");
    StreamingDrainSection.WorkloadDrains drains =
        new StreamingDrainSection(runs, new Log(System.err),
            Map.of(LiveSystem.CALLCHAIN, quickFlush, LiveSystem.NATIVE, quickFlush))
            .measure(data, 1, StreamingDrainSection.AGAINST_NATIVE);

    assertEquals(List.of(LiveSystem.CALLCHAIN, LiveSystem.NATIVE),
        drains.drains().stream().map(StreamingDrain.Drain::system).toList());
    for (StreamingDrain.Drain drain : drains.drains()) {
      assertTrue(drain.complete(), drain.describe());
      assertEquals(data.records(), drain.curve().records(), drain.describe());
      assertTrue(drain.recordsPerSecond() > 0 && Double.isFinite(drain.recordsPerSecond()),
          drain.describe());
    }
    assertTrue(drains.comparison().equal(), drains.outputCheck());
    assertTrue(StreamingDrain.tooShort(data.workload()).isPresent());
  }

  /**
   * The state measurements read Flink's own figures from the embedded cluster's REST API: a
   * checkpoint taken with every call held, and the linker's records in per subtask.
   */
  @Test
  void theStateMeasurementsReadFlinksFiguresOfTheEmbeddedCluster() throws Exception {
    Runs runs = new Runs(broker, new ChildJvm("1g", work.resolve("logs")),
        Path.of("../runner-configs/flink-embedded.conf").toAbsolutePath(), WAIT);
    Datasets.Dataset data = new Datasets(broker).intoKafka(Workload.dense(2_000), runs.freshTopic("state"));
    Log log = new Log(System.err);

    ObservedCallchain observed = new ObservedCallchain(runs, work.resolve("conf"), List.of());
    CheckpointSection.Result checkpoint = new CheckpointSection(observed, log).measure(data);
    assertEquals(2 * data.records(), checkpoint.heldCallRoles(), checkpoint.note());
    CompletedCheckpoint completed = checkpoint.checkpoint().orElseThrow();
    assertTrue(completed.stateSizeBytes() > 0 && completed.durationMs() >= 0, completed.toString());
    assertFalse(CheckpointSection.target(checkpoint).measuredAtAll(), "2,000 calls are not about a million");

    SubtaskBalanceSection.Result balance =
        new SubtaskBalanceSection(observed, log).measure(data, List.of());
    SubtaskRecords records = balance.records().orElseThrow();
    assertEquals(SubtaskBalanceSection.PARALLELISM, records.perSubtask().size());
    assertEquals(2 * data.records(), records.total());
  }

  @Test
  void anOptionThePipelineDoesNotKnowIsNotRunAsIfItWere() {
    assertTrue(PipelineOptionNames.knows("--maxOutOfOrderMs=1000"));
    assertTrue(PipelineOptionNames.knows("--stateBackend=filesystem"));
    assertFalse(PipelineOptionNames.knows("--noSuchOption=1"));
  }
}

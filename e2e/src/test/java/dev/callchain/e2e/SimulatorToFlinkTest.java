package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.CallchainPipeline;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.OptionsReader;
import dev.callchain.pipeline.testing.AllPairsOracle;
import dev.callchain.pipeline.testing.LinkedOutput;
import dev.callchain.pipeline.testing.Topics;
import dev.callchain.simulator.RunSummary;
import dev.callchain.simulator.Simulator;
import dev.callchain.simulator.SimulatorOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole chain with real parts in one JVM: the simulator writes round-robin into a real
 * in-process broker (5 partitions), the pipeline streams from it on the FlinkRunner's embedded
 * cluster and writes the output topic. Every simulator record must come out exactly once with the
 * all-pairs links, and the dead-letter topic must hold exactly the malformed records added.
 */
class SimulatorToFlinkTest {
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static EmbeddedKafkaBroker broker;
  private static Topics topics;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start();
    topics = new Topics(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void everySimulatedCallComesOutOnceWithTheAllPairsLinks() throws Exception {
    for (String topic : List.of("calls", "linked", "dead")) {
      broker.createTopic(topic, 5);
    }
    // A 2020 backfill: event time comes from the records, never from the wall clock.
    RunSummary simulated =
        new Simulator(
                SimulatorOptions.parse(
                    new String[] {
                      "--bootstrap", broker.bootstrapServers(), "--topic", "calls",
                      "--count", "400", "--interval", "20", "--seed", "7",
                      "--base-time-ms", "1590000000000"
                    },
                    Map.of()),
                QUIET,
                QUIET)
            .run();
    List<String> malformed = List.of("{\"id\":\"x\"}", "[]", "{\"id\":\"y\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":true}");
    topics.send("calls", malformed, List.of(0, 1, 2));

    List<ConsumerRecord<String, String>> input =
        topics.readUntil("calls", read -> read.size() >= simulated.recordsSent() + malformed.size(), WAIT);
    Set<Integer> partitions = new HashSet<>();
    List<CallRecord> calls = new ArrayList<>();
    for (ConsumerRecord<String, String> record : input) {
      partitions.add(record.partition());
      if (!malformed.contains(record.value())) {
        calls.add(LinkedOutput.call(record.value()));
      }
    }
    assertEquals(5, partitions.size(), "round-robin over all partitions");
    assertEquals(simulated.recordsSent(), calls.size());

    PipelineResult job = startPipeline();
    try {
      List<ConsumerRecord<String, String>> linked =
          topics.readUntil("linked", read -> read.size() >= calls.size(), WAIT);
      assertEquals(AllPairsOracle.links(calls), LinkedOutput.linksKeyedById(linked));

      List<ConsumerRecord<String, String>> dead =
          topics.readUntil("dead", read -> read.size() >= malformed.size(), WAIT);
      Set<String> originals = new TreeSet<>();
      for (ConsumerRecord<String, String> letter : dead) {
        originals.add(LinkedOutput.field(letter.value(), "original"));
      }
      assertEquals(new TreeSet<>(malformed), originals);
      assertEquals(malformed.size(), dead.size());
    } finally {
      job.cancel();
    }
  }

  private static PipelineResult startPipeline() {
    CallchainOptions options =
        OptionsReader.read(
            new String[] {
              "--runner=FlinkRunner", "--streaming=true", "--parallelism=2", "--attachedMode=false",
              "--objectReuse=true",
              "--bootstrapServers=" + broker.bootstrapServers(),
              "--inputTopic=calls", "--outputTopic=linked", "--deadLetterTopic=dead",
              "--consumerGroup=e2e", "--autoOffsetReset=earliest",
              // The simulator's delays are capped at 30 s (the default bound), so nothing is late;
              // the last 30 s of calls are emitted by the idle flush once the input goes quiet.
              "--idleFlushMs=3000"
            },
            Map.of());
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply(new CallchainPipeline(options));
    return pipeline.run();
  }
}

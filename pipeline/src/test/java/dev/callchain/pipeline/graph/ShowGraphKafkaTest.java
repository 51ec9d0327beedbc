package dev.callchain.pipeline.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.CallchainMain;
import dev.callchain.pipeline.testing.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Kafka run with --traces writes its graph to --edgesTopic, and the graph command prints it. */
class ShowGraphKafkaTest {
  @Test
  void theGraphOfAKafkaRunIsPrintedFromItsTopic() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      for (String topic : List.of("in", "out", "dead", "edges")) {
        broker.createTopic(topic, 2);
      }
      List<String> logs = ServiceGraphFileRunTest.TWO_TRACES;
      new Topics(broker.bootstrapServers()).send("in", logs, Collections.nCopies(logs.size(), 0));
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          CallchainMain.execute(
                  new String[] {
                    "--runner=FlinkRunner",
                    "--parallelism=1",
                    "--bootstrapServers=" + broker.bootstrapServers(),
                    "--inputTopic=in",
                    "--outputTopic=out",
                    "--deadLetterTopic=dead",
                    "--edgesTopic=edges",
                    "--autoOffsetReset=earliest",
                    "--maxRecords=" + logs.size(),
                    "--traces=true"
                  },
                  Map.of(),
                  new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8))
              .exitCode();
      assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int shown =
          ShowGraph.run(
              new String[] {"--bootstrapServers=" + broker.bootstrapServers(), "--edgesTopic=edges", "--once"},
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      assertEquals(0, shown, err.toString(StandardCharsets.UTF_8));
      String table = out.toString(StandardCharsets.UTF_8);
      assertTrue(table.contains("| 10.0.0.0 | frontend | 1970-01-01 00:00 |     2 |"), table);
      assertTrue(table.contains("| frontend | cart     | 1970-01-01 00:00 |     2 |"), table);
      assertTrue(table.contains("| cart     | db       | 1970-01-01 00:00 |     1 |"), table);
      assertTrue(table.contains("traces in 1970-01-01 00:00: 2;"), table);
    }
  }
}

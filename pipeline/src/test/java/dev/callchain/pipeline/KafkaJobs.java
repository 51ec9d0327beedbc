package dev.callchain.pipeline;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.OptionsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;

/** Runs the whole pipeline on the FlinkRunner's embedded cluster against a broker (e2e too). */
public final class KafkaJobs {
  private KafkaJobs() {}

  /**
   * Starts the job detached: it reads {@code <name>-in} from the earliest offset and writes {@code
   * <name>-out} and {@code <name>-dead} (created with 5 partitions unless they exist), in consumer
   * group {@code name}.
   */
  public static PipelineResult start(EmbeddedKafkaBroker broker, String name, String... extra) {
    return submit(broker, name, false, extra);
  }

  /** The same job attached: returns once it has ended, and throws what failed it. */
  public static PipelineResult run(EmbeddedKafkaBroker broker, String name, String... extra) {
    return submit(broker, name, true, extra);
  }

  private static PipelineResult submit(EmbeddedKafkaBroker broker, String name, boolean attached, String... extra) {
    for (String topic : List.of(name + "-in", name + "-out", name + "-dead")) {
      broker.createTopic(topic, 5);
    }
    List<String> args =
        new ArrayList<>(List.of("--runner=FlinkRunner", "--streaming=true", "--attachedMode=" + attached));
    args.addAll(topics(broker, name));
    args.addAll(List.of(extra));
    CallchainOptions options = OptionsReader.read(args.toArray(new String[0]), Map.of());
    return CallchainMain.build(options).run();
  }

  /**
   * At parallelism 2, the broker and job {@code name}'s topics and consumer group: it reads {@code
   * <name>-in} from the earliest offset and writes {@code <name>-out} and {@code <name>-dead}.
   */
  static List<String> topics(EmbeddedKafkaBroker broker, String name) {
    return List.of(
        "--parallelism=2",
        "--bootstrapServers=" + broker.bootstrapServers(),
        "--inputTopic=" + name + "-in",
        "--outputTopic=" + name + "-out",
        "--deadLetterTopic=" + name + "-dead",
        "--consumerGroup=" + name,
        "--autoOffsetReset=earliest");
  }
}

package dev.callchain.bench;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs each measured system in a child JVM against a dataset on the broker: the raw consumer,
 * callchain (any linker), and the hand-written Flink job. Each pipeline run writes a fresh output
 * topic and reads with a fresh consumer group, so runs never see each other's data.
 */
final class Runs {
  /** A linked output topic and the run that wrote it. */
  record PipelineRun(String system, ChildResult result, String outputTopic, long expected) {}

  private static final Duration DIGEST_TIMEOUT = Duration.ofMinutes(5);

  private final EmbeddedKafkaBroker broker;
  private final ChildJvm jvm;
  private final Path runnerConfig;
  private final Duration timeout;
  private int sequence;

  Runs(EmbeddedKafkaBroker broker, ChildJvm jvm, Path runnerConfig, Duration timeout) {
    this.broker = broker;
    this.jvm = jvm;
    this.runnerConfig = runnerConfig;
    this.timeout = timeout;
  }

  String bootstrap() {
    return broker.bootstrapServers();
  }

  /** A topic name not used before in this bench run. */
  String freshTopic(String what) {
    return "bench-" + (++sequence) + "-" + what;
  }

  ChildResult raw(Datasets.Dataset data) throws InterruptedException {
    return jvm.run(freshTopic("raw-" + data.workload().name()), RawReadChild.class,
        List.of(bootstrap(), data.topic(), String.valueOf(data.records())), timeout);
  }

  /**
   * callchain on the FlinkRunner's embedded cluster, Kafka to Kafka, finite ({@code --maxRecords}).
   * Empty when the pipeline does not know one of {@code extra}'s options: a linker that main does
   * not have yet.
   */
  Optional<PipelineRun> callchain(String system, Datasets.Dataset data, List<String> extra)
      throws InterruptedException {
    return callchain(system, data, extra, timeout);
  }

  Optional<PipelineRun> callchain(String system, Datasets.Dataset data, List<String> extra,
                                  Duration limit) throws InterruptedException {
    if (!PipelineOptionNames.knowsAll(extra)) {
      return Optional.empty();
    }
    String name = freshTopic(system + "-" + data.workload().name());
    String output = name + "-out";
    Topics.create(broker, output, Datasets.PARTITIONS, false);
    List<String> args = new ArrayList<>(kafkaArgs(data.topic(), output, name));
    args.add("--maxRecords=" + data.records());
    args.addAll(extra);
    return Optional.of(new PipelineRun(system, jvm.run(name, CallchainChild.class, args, limit), output,
        data.records()));
  }

  /** The options of a callchain run from {@code input} to {@code output} on the embedded cluster. */
  List<String> kafkaArgs(String input, String output, String name) {
    return List.of(
        "--runnerConfig=" + runnerConfig,
        "--bootstrapServers=" + bootstrap(),
        "--inputTopic=" + input,
        "--outputTopic=" + output,
        "--deadLetterTopic=" + name + "-dead",
        "--consumerGroup=" + name,
        "--autoOffsetReset=earliest");
  }

  /** The hand-written Flink job, bounded; empty while module native-flink has no job. */
  Optional<PipelineRun> nativeFlink(Datasets.Dataset data) throws InterruptedException {
    String name = freshTopic("native-" + data.workload().name());
    String output = name + "-out";
    Topics.create(broker, output, Datasets.PARTITIONS, false);
    List<String> args =
        List.of(
            "--bootstrapServers=" + bootstrap(),
            "--inputTopic=" + data.topic(),
            "--outputTopic=" + output,
            "--deadLetterTopic=" + name + "-dead",
            "--groupId=" + name,
            "--parallelism=2",
            "--bounded");
    try {
      return Optional.of(new PipelineRun("native Flink",
          jvm.run(name, NativeFlinkChild.class, args, timeout), output, data.records()));
    } catch (ChildJvm.ChildFailure e) {
      if (e.exitCode == NativeFlinkChild.NOT_AVAILABLE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  OutputDigest digest(PipelineRun run) {
    return OutputDigest.readTopic(bootstrap(), run.outputTopic(), run.expected(), DIGEST_TIMEOUT);
  }

  ChildJvm jvm() {
    return jvm;
  }

  EmbeddedKafkaBroker broker() {
    return broker;
  }
}

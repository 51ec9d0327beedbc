package dev.callchain.bench;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs each measured system in a child JVM against a dataset on the broker: the raw consumer,
 * callchain (any linker), and the hand-written Flink job, finite or as live streams. Each pipeline
 * run writes a fresh output topic and reads with a fresh consumer group, so runs never see each
 * other's data.
 */
final class Runs {
  /** A linked output topic and the run that wrote it. */
  record PipelineRun(String system, ChildResult result, String outputTopic, long expected) {}

  /**
   * A system started as a live stream on a dataset: its child JVM, which runs until {@link
   * #close()} stops it, the topic it writes, the records expected there, and when it started.
   */
  record LiveRun(LiveSystem system, ChildJvm.Child child, String outputTopic, long expected,
                 long startedNanos) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      child.close();
    }
  }

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

  /**
   * Runs as the bench's commands make them: children with {@code heap} logging into {@code logDir},
   * pipelines on the repository's embedded-cluster configuration, finite ones stopped at {@link
   * BenchMain#RUN_TIMEOUT}.
   */
  static Runs onEmbeddedFlink(EmbeddedKafkaBroker broker, String heap, Path logDir, Path repo) {
    return new Runs(broker, new ChildJvm(heap, logDir), repo.resolve("runner-configs/flink-embedded.conf"),
        BenchMain.RUN_TIMEOUT);
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
    String output = outputTopic(name);
    List<String> args = callchainArgs(data, output, name, extra);
    args.add("--maxRecords=" + data.records());
    return Optional.of(new PipelineRun(system, jvm.run(name, CallchainChild.class, args, limit), output,
        data.records()));
  }

  /** A callchain run's options from the dataset to {@code output}, then {@code extra}; mutable. */
  private List<String> callchainArgs(Datasets.Dataset data, String output, String name,
                                     List<String> extra) {
    List<String> args = new ArrayList<>(kafkaArgs(data.topic(), output, name));
    args.addAll(extra);
    return args;
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

  /**
   * callchain as users run it: a live Kafka stream (no {@code --maxRecords}) from the earliest
   * offsets with a fresh consumer group, so the whole dataset is its backlog; {@code system} names
   * the run (callchain, or callchain on another state backend, which {@code extra} chooses).
   */
  LiveRun callchainLive(LiveSystem system, Datasets.Dataset data, List<String> extra) {
    if (!PipelineOptionNames.knowsAll(extra)) {
      throw new IllegalArgumentException("the pipeline does not know one of the options " + extra);
    }
    String name = freshTopic("live-" + system.option + "-" + data.workload().name());
    String output = outputTopic(name);
    return live(system, name, CallchainChild.class, callchainArgs(data, output, name, extra), output, data);
  }

  /** The hand-written Flink job as a live stream from the earliest offsets. */
  LiveRun nativeLive(Datasets.Dataset data, List<String> extra) {
    String name = freshTopic("live-native-" + data.workload().name());
    String output = outputTopic(name);
    List<String> args = new ArrayList<>(nativeArgs(data.topic(), output, name));
    args.add("--startFromEarliest");
    args.addAll(extra);
    return live(LiveSystem.NATIVE, name, NativeFlinkChild.class, args, output, data);
  }

  private LiveRun live(LiveSystem system, String name, Class<?> main, List<String> args, String output,
                       Datasets.Dataset data) {
    long started = System.nanoTime();
    return new LiveRun(system, jvm.start(name, main, args), output, data.records(), started);
  }

  /** The hand-written Flink job, bounded; empty while module native-flink has no job. */
  Optional<PipelineRun> nativeFlink(Datasets.Dataset data) throws InterruptedException {
    String name = freshTopic("native-" + data.workload().name());
    String output = outputTopic(name);
    List<String> args = new ArrayList<>(nativeArgs(data.topic(), output, name));
    args.add("--bounded");
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

  /** The options of a native job run from {@code input} to {@code output}, parallelism 2 as callchain's. */
  private List<String> nativeArgs(String input, String output, String name) {
    return List.of(
        "--bootstrapServers=" + bootstrap(),
        "--inputTopic=" + input,
        "--outputTopic=" + output,
        "--deadLetterTopic=" + name + "-dead",
        "--groupId=" + name,
        "--parallelism=2");
  }

  /** Creates the output topic of the run called {@code name}. */
  private String outputTopic(String name) {
    String output = name + "-out";
    Topics.create(broker, output, Datasets.PARTITIONS, false);
    return output;
  }

  OutputDigest digest(PipelineRun run) {
    return digest(run.outputTopic(), run.expected());
  }

  /** Reads a finished run's output topic, which holds {@code expected} records when complete. */
  OutputDigest digest(String outputTopic, long expected) {
    return OutputDigest.readTopic(bootstrap(), outputTopic, expected, DIGEST_TIMEOUT);
  }

  ChildJvm jvm() {
    return jvm;
  }

  EmbeddedKafkaBroker broker() {
    return broker;
  }
}

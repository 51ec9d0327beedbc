package dev.callchain.nativeflink;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.io.OutputJson;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.options.EnvironmentDefaults;
import dev.callchain.pipeline.model.PartialLinks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The linking of the Beam pipeline as a hand-written Flink DataStream job, with the pipeline's own
 * parser, per-address index and output JSON: the benchmark's measure of what Beam costs.
 *
 * <pre>
 * Kafka -> parse (in the source) -> to both addresses -> keyBy address: LinkAtAddress
 *       -> keyBy id: JoinHalves -> Kafka (key = id)
 *       \-> rejected logs -> dead-letter topic
 * </pre>
 *
 * Runs on a MiniCluster in this JVM, streaming. Sinks are at-least-once (acks=all, idempotent,
 * linger 5 ms: the pipeline's producer settings), so a restart may repeat records but never
 * loses one; exactly-once would add Kafka transactions that the Beam job does not use.
 */
public final class NativeLinkJob {
  private static final String CHECKPOINTS =
      Path.of(System.getProperty("java.io.tmpdir"), "callchain-native-checkpoints").toUri().toString();

  private NativeLinkJob() {}

  /**
   * A finished run: its counters (named as the pipeline's metrics) and times. {@code wallSeconds}
   * runs from submission to the end, cluster start included; {@code jobSeconds} is Flink's net
   * run time of the job.
   */
  public record Result(double wallSeconds, double jobSeconds, Map<String, Long> counters) {
    public long recordsRead() {
      return counter(CallchainMetrics.CALLS_READ);
    }

    public long deadLetters() {
      return counter(CallchainMetrics.CALLS_REJECTED);
    }

    public long recordsEmitted() {
      return counter(CallchainMetrics.CALLS_EMITTED);
    }

    public long links() {
      return counter(CallchainMetrics.LINKS);
    }

    public long counter(String name) {
      return counters.getOrDefault(name, 0L);
    }

    /** Records read per second of wall time. */
    public double recordsPerSecond() {
      return recordsRead() / wallSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    NativeLinkSettings settings;
    try {
      settings = NativeLinkSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("native-flink: " + e.getMessage());
      System.err.println(NativeLinkSettings.USAGE);
      System.exit(2);
      return;
    }
    Result result = run(settings);
    System.out.printf(
        "native-flink: read %d records (%d dead letters), emitted %d calls with %d links"
            + " in %.1f s (job %.1f s): %.0f records/s%n",
        result.recordsRead(), result.deadLetters(), result.recordsEmitted(), result.links(),
        result.wallSeconds(), result.jobSeconds(), result.recordsPerSecond());
    System.out.println("native-flink: counters " + result.counters());
  }

  /** Runs the job on a MiniCluster in this JVM; returns when it ends (a bounded run). */
  public static Result run(NativeLinkSettings settings) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    env.setParallelism(settings.parallelism());
    env.getConfig().enableObjectReuse();
    // Every record and state type has a serializer of its own: Kryo would only hide a mistake.
    env.getConfig().disableGenericTypes();
    if (!settings.bounded()) {
      env.enableCheckpointing(EnvironmentDefaults.CHECKPOINT_INTERVAL_MS);
      // In files, as the pipeline's runner config has them: Flink's default in-memory storage
      // caps a checkpoint at 5 MB, and a live stream holding more (30 s of a dense load) failed
      // every checkpoint, restarted from the earliest offsets and wrote duplicates.
      env.getCheckpointConfig().setCheckpointStorage(CHECKPOINTS);
    }
    define(env, settings);
    long started = System.nanoTime();
    JobExecutionResult result = env.execute("callchain-native");
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    Map<String, Long> counters = new TreeMap<>();
    result
        .getAllAccumulatorResults()
        .forEach((name, value) -> counters.put(name, ((Number) value).longValue()));
    return new Result(wallSeconds, result.getNetRuntime() / 1e3, counters);
  }

  static void define(StreamExecutionEnvironment env, NativeLinkSettings settings) {
    SingleOutputStreamOperator<CallAtAddress> routed =
        env.fromSource(source(settings), eventTime(settings), "ReadKafka")
            .process(new RouteParsedLogs(), JobTypes.CALL_AT_ADDRESS)
            .name("ParseAndRoute");
    routed
        .getSideOutput(RouteParsedLogs.DEAD_LETTERS)
        .sinkTo(
            sink(
                settings,
                new KafkaRecords<DeadLetter>(
                    settings.deadLetterTopic(),
                    null,
                    letter -> OutputJson.deadLetter(letter, OutputJson.DEFAULT_MAX_RECORD_BYTES))))
        .name("WriteDeadLetters");
    routed
        .keyBy(call -> call.address, Types.STRING)
        .process(new LinkAtAddress(settings.idleFlushMs()), JobTypes.PARTIAL_LINKS)
        .name("LinkAtAddress")
        .keyBy(PartialLinks::id, Types.STRING)
        .process(new JoinHalves(), JobTypes.LINKED_CALL)
        .name("JoinHalves")
        .sinkTo(
            sink(
                settings,
                new KafkaRecords<LinkedCall>(
                    settings.outputTopic(),
                    linked -> linked.call().id().getBytes(StandardCharsets.UTF_8),
                    OutputJson::linkedCall)))
        .name("WriteLinked");
  }

  private static KafkaSource<Either<CallRecord, DeadLetter>> source(NativeLinkSettings settings) {
    KafkaSourceBuilder<Either<CallRecord, DeadLetter>> source =
        KafkaSource.<Either<CallRecord, DeadLetter>>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setTopics(settings.inputTopic())
            .setGroupId(settings.groupId())
            .setDeserializer(new ParseCallLogs());
    if (settings.bounded()) {
      return source
          .setStartingOffsets(OffsetsInitializer.earliest())
          .setBounded(OffsetsInitializer.latest())
          .build();
    }
    // Where a group with no committed offsets starts: the latest (new traffic only), or the
    // earliest, so that the whole topic is a backlog the live stream catches up on.
    OffsetResetStrategy noCommit =
        settings.startFromEarliest() ? OffsetResetStrategy.EARLIEST : OffsetResetStrategy.LATEST;
    return source.setStartingOffsets(OffsetsInitializer.committedOffsets(noCommit)).build();
  }

  /**
   * SPEC §4: event time is start_at_ms; the watermark trails the largest start seen by
   * maxOutOfOrderMs, per partition (the source runs one generator per split), and a partition
   * quiet for idlePartitionMs stops holding the others back.
   */
  private static WatermarkStrategy<Either<CallRecord, DeadLetter>> eventTime(
      NativeLinkSettings settings) {
    return WatermarkStrategy.<Either<CallRecord, DeadLetter>>forBoundedOutOfOrderness(
            Duration.ofMillis(settings.maxOutOfOrderMs()))
        .withIdleness(Duration.ofMillis(settings.idlePartitionMs()))
        .withTimestampAssigner(ParseCallLogs::startTime);
  }

  private static <T> KafkaSink<T> sink(NativeLinkSettings settings, KafkaRecords<T> records) {
    Properties producer = new Properties();
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producer.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return KafkaSink.<T>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(records)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}

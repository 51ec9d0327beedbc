package dev.callchain.pipeline.options;

import dev.callchain.pipeline.io.OutputJson;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * The pipeline's options (SPEC §5). A command-line flag overrides its environment variable, which
 * overrides the default. Runner options (--runner, --parallelism, --flinkMaster, ...) come from
 * Beam and the Flink runner; --runnerConfig reads a set of them from a file.
 */
public interface CallchainOptions extends FlinkPipelineOptions {
  @Description("Kafka bootstrap servers (env KAFKA_BOOTSTRAP; default localhost:9092).")
  @Default.InstanceFactory(EnvironmentDefaults.BootstrapServers.class)
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description(
      "A Java properties file of Kafka client settings (security.protocol, sasl.*, ssl.*, timeouts)"
          + " for the consumer, every producer and the start-up check: how SASL and TLS reach the"
          + " clients. A file, not key=value flags: Beam splits list options at commas, which Kafka"
          + " values contain (ssl.enabled.protocols, JAAS options), and the FlinkRunner shows every"
          + " option's value in Flink's web UI, where a password must not be; only this path is"
          + " shown. Read when the job is built and shipped with it (a TaskManager needs no copy)."
          + " Settings callchain makes itself are refused: bootstrap.servers, group.id,"
          + " auto.offset.reset, serializers, acks, ... (their own options say where to set them).")
  String getKafkaProperties();

  void setKafkaProperties(String value);

  @Description("Topic the call logs are read from (env KAFKA_TOPIC; default test-topic).")
  @Default.InstanceFactory(EnvironmentDefaults.InputTopic.class)
  String getInputTopic();

  void setInputTopic(String value);

  @Description("Topic the linked calls are written to, keyed by id (env KAFKA_OUTPUT_TOPIC; default"
          + " linked-topic).")
  @Default.InstanceFactory(EnvironmentDefaults.OutputTopic.class)
  String getOutputTopic();

  void setOutputTopic(String value);

  @Description("Topic rejected call logs are written to (env KAFKA_DEAD_LETTER_TOPIC; default"
          + " dead-letter-topic).")
  @Default.InstanceFactory(EnvironmentDefaults.DeadLetterTopic.class)
  String getDeadLetterTopic();

  void setDeadLetterTopic(String value);

  @Description(
      "Where a new consumer group starts reading: earliest, latest or none"
          + " (env KAFKA_AUTO_OFFSET_RESET; default latest).")
  @Default.InstanceFactory(EnvironmentDefaults.AutoOffsetReset.class)
  String getAutoOffsetReset();

  void setAutoOffsetReset(String value);

  @Description("Kafka consumer group (env KAFKA_CONSUMER_GROUP; default flink-simpy-consumer-group).")
  @Default.InstanceFactory(EnvironmentDefaults.ConsumerGroup.class)
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description(
      "How far behind the largest start_at_ms seen the watermark trails, in ms"
          + " (env SIMPY_MAX_OUT_OF_ORDER_MS; default 30000).")
  @Default.InstanceFactory(EnvironmentDefaults.MaxOutOfOrderMs.class)
  Long getMaxOutOfOrderMs();

  void setMaxOutOfOrderMs(Long value);

  @Description(
      "An address that receives nothing for this many ms of processing time emits what it holds"
          + " with the links found so far, and forgets it (env SIMPY_IDLE_FLUSH_MS; default 60000).")
  @Default.InstanceFactory(EnvironmentDefaults.IdleFlushMs.class)
  Long getIdleFlushMs();

  void setIdleFlushMs(Long value);

  @Description(
      "A Kafka partition that receives nothing for this many ms of processing time stops holding"
          + " the watermark back.")
  @Default.Long(10_000)
  Long getIdlePartitionMs();

  void setIdlePartitionMs(Long value);

  @Description(
      "The linking algorithm: index (default) or scan, the prototype's algorithm (a full scan of"
          + " JSON strings per record), kept as the benchmarks' baseline.")
  @Default.String("index")
  String getLinker();

  void setLinker(String value);

  @Description(
      "Also score each call's candidate parents and name the most likely real one: the output"
          + " gains best_parent (an id or null) and parent_scores ({id: score in [0,1]}).")
  @Default.Boolean(false)
  Boolean getBestParent();

  void setBestParent(Boolean value);

  @Description(
      "With --bestParent: best_parent may also be a call that misses containing the call by up to"
          + " this many ms at either end, as clock skew between the hosts that logged them makes a"
          + " child seem to start before its parent or end after it; such near misses are scored"
          + " beside the parents. parents and children stay exactly the linking rule. Each call is"
          + " then held this much (twice, as a parent) longer before it is written. Default 0.")
  @Default.Long(0)
  Long getSkewToleranceMs();

  void setSkewToleranceMs(Long value);

  @Description(
      "Follow best_parent to each call's root: the output gains trace_id (the root's id) and depth"
          + " (0 at the root). Turns --bestParent on. A call is written once its ancestors are:"
          + " when the watermark has passed the root's end. Input fields named trace_id or depth"
          + " are kept as input_trace_id and input_depth.")
  @Default.Boolean(false)
  Boolean getTraces();

  void setTraces(Boolean value);

  @Description(
      "With --traces: the topic one span per call is written to, in lists (Zipkin's Kafka"
          + " collector reads topic zipkin); empty writes no spans.")
  @Default.String("zipkin")
  String getSpansTopic();

  void setSpansTopic(String value);

  @Description(
      "With --traces: the spans' format: zipkin_json (lists of Zipkin v2 spans, for Zipkin's and"
          + " the OpenTelemetry Collector's Kafka receivers) or otlp_proto (OTLP"
          + " ExportTraceServiceRequest, for the OpenTelemetry Collector).")
  @Default.String("zipkin_json")
  String getSpansFormat();

  void setSpansFormat(String value);

  @Description(
      "With --traces: the topic the service graph is written to: per caller -> callee edge and"
          + " one-minute event-time window, the calls and their latency percentiles, and per trace"
          + " its root's latency, calls and depth; empty writes no graph.")
  @Default.String("callchain-edges")
  String getEdgesTopic();

  void setEdgesTopic(String value);

  @Description(
      "With --traces: a JSON Lines file the service graph is written to as well (the records of"
          + " --edgesTopic); a file run writes its graph only there.")
  String getEdgesFile();

  void setEdgesFile(String value);

  @Description(
      "A link that reaches a call already emitted (a record later than the bound): drop (count"
          + " it; default) or revise (emit the call again with all its links and \"revision\": n).")
  @Default.String("drop")
  String getLateLinks();

  void setLateLinks(String value);

  @Description(
      "With --lateLinks=revise: how long (event time) past its end an emitted call is kept to"
          + " receive late links. Default: --maxOutOfOrderMs.")
  Long getReviseHorizonMs();

  void setReviseHorizonMs(Long value);

  @Description(
      "Cut each address's event time into slices of this many ms, each linked as its own key, so"
          + " that a hot address (a gateway, a load balancer) is spread over workers and no key's"
          + " state grows with its address's whole traffic. A call is linked in every slice its"
          + " interval overlaps: pick slices well above the typical call length. Default: 0 (one key"
          + " per address) on the heap, " + OptionsReader.ROCKSDB_SLICE_MS + " with --stateBackend=rocksdb,"
          + " which reads and writes a key's state whole on every record.")
  Long getAddressSliceMs();

  void setAddressSliceMs(Long value);

  @Description(
      "The largest record written, in bytes of JSON. A dead letter over it carries its original cut"
          + " to fit, with the original's size and SHA-256; a linked call over it goes to the dead"
          + " letters (OUTPUT_TOO_LARGE). Kafka takes 1 MiB a record by default (the producer's"
          + " max.request.size, the broker's message.max.bytes): raise the topics' limits before this.")
  @Default.Integer(OutputJson.DEFAULT_MAX_RECORD_BYTES)
  Integer getMaxRecordBytes();

  void setMaxRecordBytes(Integer value);

  @Description(
      "Write the linked calls and dead letters in Kafka transactions that commit with the runner's"
          + " checkpoints, so a restart writes nothing twice. Readers must read with"
          + " isolation.level=read_committed, and see output about one checkpoint interval later."
          + " Needs the FlinkRunner with checkpointing on.")
  @Default.Boolean(false)
  Boolean getExactlyOnce();

  void setExactlyOnce(Boolean value);

  @Description("Read call logs from these JSON Lines files (a bounded run) instead of Kafka.")
  String getInputFile();

  void setInputFile(String value);

  @Description("Also write the linked calls to this JSON Lines file.")
  String getOutputFile();

  void setOutputFile(String value);

  @Description("Write dead letters to this JSON Lines file.")
  String getDeadLetterFile();

  void setDeadLetterFile(String value);

  @Description("Print the linked calls to stdout.")
  @Default.Boolean(false)
  Boolean getPrintOutput();

  void setPrintOutput(Boolean value);

  @Description("Stop a Kafka run after this many records (a finite run); unset reads forever.")
  Long getMaxRecords();

  void setMaxRecords(Long value);

  @Description(
      "A file of runner options, one --name=value per line (see runner-configs/);"
          + " flags on the command line override it.")
  String getRunnerConfig();

  void setRunnerConfig(String value);
}

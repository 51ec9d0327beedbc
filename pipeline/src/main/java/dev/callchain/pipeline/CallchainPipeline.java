package dev.callchain.pipeline;

import dev.callchain.pipeline.graph.FormatServiceGraph;
import dev.callchain.pipeline.graph.ServiceGraph;
import dev.callchain.pipeline.io.KafkaSettings;
import dev.callchain.pipeline.io.ReadCallLogsFromFile;
import dev.callchain.pipeline.io.ReadCallLogsFromKafka;
import dev.callchain.pipeline.io.ToKeyedJson;
import dev.callchain.pipeline.io.WriteJsonLines;
import dev.callchain.pipeline.link.LinkByAddress;
import dev.callchain.pipeline.link.LinkSettings;
import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.parse.ParseCalls;
import dev.callchain.pipeline.sink.FitLinkedCalls;
import dev.callchain.pipeline.spans.WriteSpans;
import dev.callchain.pipeline.trace.TraceCalls;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The whole job: read call logs, parse them (rejects to dead letters) with event time, link them
 * by address, join each call's links by id, place each in its trace (--traces), and write the
 * linked calls (and, of traced calls, their spans and the service graph); every record written fits
 * its sink (--maxRecordBytes), so that no record can stop the job.
 */
public final class CallchainPipeline extends PTransform<PBegin, PDone> {
  private final CallchainOptions options;

  public CallchainPipeline(CallchainOptions options) {
    this.options = options;
  }

  @Override
  public PDone expand(PBegin begin) {
    // Read once: --kafkaProperties is a file, and every client gets the same settings.
    KafkaSettings kafka = readsKafka() ? KafkaSettings.from(options) : null;
    PCollectionTuple parsed =
        begin.apply("ReadCallLogs", readCallLogs(kafka)).apply("ParseCalls", new ParseCalls());

    PCollection<LinkedCall> calls =
        parsed.get(ParseCalls.CALLS).apply("LinkByAddress", new LinkByAddress(linkSettings(kafka)));
    // With --traces: the service graph and the spans, and what their sinks refuse.
    PCollectionList<DeadLetter> refusedTraces = PCollectionList.empty(begin.getPipeline());
    if (options.getTraces()) {
      PCollectionTuple traced = calls.apply("TraceCalls", new TraceCalls(options.getSkewToleranceMs()));
      calls = traced.get(TraceCalls.TRACED);
      refusedTraces = writeServiceGraph(traced, kafka).and(writeSpans(calls, kafka).getAll());
    }
    PCollectionTuple linked =
        calls.apply("FormatLinkedCalls", new FitLinkedCalls(options.getMaxRecordBytes()));
    PCollection<DeadLetter> refused =
        linked.get(FitLinkedCalls.FITTING).apply("WriteLinkedCalls", linkedCallsSink(kafka));

    // Rejected logs, and linked calls too large for their sink or refused by it: nothing is lost.
    PCollectionList.of(parsed.get(ParseCalls.DEAD_LETTERS))
        .and(linked.get(FitLinkedCalls.TOO_LARGE))
        .and(refused)
        .and(refusedTraces.getAll())
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("FormatDeadLetters", ToKeyedJson.deadLetters(options.getMaxRecordBytes()))
        // What the dead letters' own topic refuses is logged and counted there (SendToKafka).
        .apply("WriteDeadLetters", deadLettersSink(kafka));
    return PDone.in(begin.getPipeline());
  }

  private LinkSettings linkSettings(@Nullable KafkaSettings kafka) {
    LinkSettings settings =
        LinkSettings.from(options).withRestoringRunner(FlinkRunner.class.isAssignableFrom(options.getRunner()));
    return kafka == null ? settings : settings.withOutagesOf(kafka.bootstrapServers());
  }

  private boolean readsKafka() {
    return options.getInputFile() == null;
  }

  /** @param kafka null for a file run */
  private PTransform<PBegin, PCollection<CallLog>> readCallLogs(@Nullable KafkaSettings kafka) {
    if (kafka == null) {
      return new ReadCallLogsFromFile(options.getInputFile());
    }
    return new ReadCallLogsFromKafka(
        kafka,
        options.getMaxOutOfOrderMs(),
        options.getIdlePartitionMs(),
        options.getMaxRecords());
  }

  private WriteJsonLines linkedCallsSink(@Nullable KafkaSettings kafka) {
    WriteJsonLines sink = WriteJsonLines.nowhere(options.getMaxRecordBytes()).toStdout(options.getPrintOutput());
    if (kafka != null) {
      sink = sink.toKafka(kafka, kafka.outputTopic());
    }
    return options.getOutputFile() == null ? sink : sink.toFile(options.getOutputFile());
  }

  /**
   * The service graph of the traced calls, to --edgesTopic on a Kafka run and to --edgesFile;
   * returns what the topic refused (none when the graph goes nowhere).
   */
  /** Spans go only to Kafka, where Zipkin and the OpenTelemetry Collector read them. */
  private PCollectionList<DeadLetter> writeSpans(PCollection<LinkedCall> traced, @Nullable KafkaSettings kafka) {
    if (kafka == null || options.getSpansTopic().isEmpty()) {
      return PCollectionList.empty(traced.getPipeline());
    }
    return PCollectionList.of(traced.apply("WriteSpans", WriteSpans.to(kafka, options)));
  }

  private PCollectionList<DeadLetter> writeServiceGraph(PCollectionTuple traced, @Nullable KafkaSettings kafka) {
    boolean toTopic = kafka != null && !options.getEdgesTopic().isEmpty();
    if (!toTopic && options.getEdgesFile() == null) {
      return PCollectionList.empty(traced.getPipeline());
    }
    WriteJsonLines sink = WriteJsonLines.nowhere(options.getMaxRecordBytes());
    if (toTopic) {
      sink = sink.toKafka(kafka, options.getEdgesTopic());
    }
    if (options.getEdgesFile() != null) {
      sink = sink.toFile(options.getEdgesFile());
    }
    return PCollectionList.of(
        traced
            .apply("ServiceGraph", new ServiceGraph())
            .apply("FormatServiceGraph", new FormatServiceGraph())
            .apply("WriteServiceGraph", sink));
  }

  /** Dead letters always go somewhere: Kafka, a file, or (a file run without one) stdout. */
  private WriteJsonLines deadLettersSink(@Nullable KafkaSettings kafka) {
    WriteJsonLines sink = WriteJsonLines.nowhere(options.getMaxRecordBytes());
    if (kafka != null) {
      sink = sink.toKafka(kafka, kafka.deadLetterTopic());
    }
    if (options.getDeadLetterFile() != null) {
      return sink.toFile(options.getDeadLetterFile());
    }
    return kafka != null ? sink : sink.toStdout(true);
  }
}

package dev.callchain.pipeline;

import dev.callchain.pipeline.io.KafkaSettings;
import dev.callchain.pipeline.io.ReadCallLogsFromFile;
import dev.callchain.pipeline.io.ReadCallLogsFromKafka;
import dev.callchain.pipeline.io.ToKeyedJson;
import dev.callchain.pipeline.io.WriteJsonLines;
import dev.callchain.pipeline.link.LinkByAddress;
import dev.callchain.pipeline.link.LinkSettings;
import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.parse.ParseCalls;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;

/**
 * The whole job: read call logs, parse them (rejects to dead letters) with event time, link them
 * by address, join each call's links by id, and write the linked calls.
 */
public final class CallchainPipeline extends PTransform<PBegin, PDone> {
  private final CallchainOptions options;

  public CallchainPipeline(CallchainOptions options) {
    this.options = options;
  }

  @Override
  public PDone expand(PBegin begin) {
    PCollectionTuple parsed = begin.apply("ReadCallLogs", readCallLogs()).apply("ParseCalls", new ParseCalls());

    parsed
        .get(ParseCalls.CALLS)
        .apply("LinkByAddress", new LinkByAddress(LinkSettings.from(options)))
        .apply("FormatLinkedCalls", ToKeyedJson.linkedCalls())
        .apply("WriteLinkedCalls", linkedCallsSink());

    parsed
        .get(ParseCalls.DEAD_LETTERS)
        .apply("FormatDeadLetters", ToKeyedJson.deadLetters())
        .apply("WriteDeadLetters", deadLettersSink());
    return PDone.in(begin.getPipeline());
  }

  private boolean readsKafka() {
    return options.getInputFile() == null;
  }

  private PTransform<PBegin, PCollection<CallLog>> readCallLogs() {
    if (!readsKafka()) {
      return new ReadCallLogsFromFile(options.getInputFile());
    }
    return new ReadCallLogsFromKafka(
        kafkaSettings(options),
        options.getMaxOutOfOrderMs(),
        options.getIdlePartitionMs(),
        options.getMaxRecords());
  }

  private WriteJsonLines linkedCallsSink() {
    WriteJsonLines sink = WriteJsonLines.nowhere().toStdout(options.getPrintOutput());
    if (readsKafka()) {
      KafkaSettings kafka = kafkaSettings(options);
      sink = sink.toKafka(kafka.bootstrapServers(), kafka.outputTopic());
    }
    return options.getOutputFile() == null ? sink : sink.toFile(options.getOutputFile());
  }

  /** Dead letters always go somewhere: Kafka, a file, or (a file run without one) stdout. */
  private WriteJsonLines deadLettersSink() {
    WriteJsonLines sink = WriteJsonLines.nowhere();
    if (readsKafka()) {
      KafkaSettings kafka = kafkaSettings(options);
      sink = sink.toKafka(kafka.bootstrapServers(), kafka.deadLetterTopic());
    }
    if (options.getDeadLetterFile() != null) {
      return sink.toFile(options.getDeadLetterFile());
    }
    return readsKafka() ? sink : sink.toStdout(true);
  }

  private static KafkaSettings kafkaSettings(CallchainOptions options) {
    return new KafkaSettings(
        options.getBootstrapServers(),
        options.getInputTopic(),
        options.getOutputTopic(),
        options.getDeadLetterTopic(),
        options.getConsumerGroup(),
        options.getAutoOffsetReset());
  }
}

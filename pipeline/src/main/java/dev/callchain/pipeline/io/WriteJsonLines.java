package dev.callchain.pipeline.io;

import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.sink.SendToKafka;
import dev.callchain.pipeline.sink.SendToKafkaInTransactions;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Writes keyed JSON records to any of: a Kafka topic (key and value), a JSON Lines file, stdout.
 * The linked output and the dead letters both go through here. Returns the records the Kafka topic
 * refused, as dead letters ({@link SendToKafka}); none without a topic.
 */
public final class WriteJsonLines extends PTransform<PCollection<KV<String, byte[]>>, PCollection<DeadLetter>> {
  /** How often a streaming run closes a file window. */
  private static final Duration FILE_WINDOW = Duration.standardSeconds(10);

  private final @Nullable KafkaSettings kafka;
  private final @Nullable String topic;
  private final @Nullable String file;
  private final boolean print;
  private final int maxRecordBytes;

  private WriteJsonLines(
      @Nullable KafkaSettings kafka,
      @Nullable String topic,
      @Nullable String file,
      boolean print,
      int maxRecordBytes) {
    this.kafka = kafka;
    this.topic = topic;
    this.file = file;
    this.print = print;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Records of up to {@code maxRecordBytes} (--maxRecordBytes), to no sink yet. */
  public static WriteJsonLines nowhere(int maxRecordBytes) {
    return new WriteJsonLines(null, null, null, false, maxRecordBytes);
  }

  /** To {@code topic} of the broker {@code kafka} names, connected as its clients are. */
  public WriteJsonLines toKafka(KafkaSettings kafka, String topic) {
    return new WriteJsonLines(kafka, topic, file, print, maxRecordBytes);
  }

  public WriteJsonLines toFile(String file) {
    return new WriteJsonLines(kafka, topic, file, print, maxRecordBytes);
  }

  public WriteJsonLines toStdout(boolean print) {
    return new WriteJsonLines(kafka, topic, file, print, maxRecordBytes);
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<KV<String, byte[]>> records) {
    PCollection<DeadLetter> refused =
        topic == null
            ? records.getPipeline().apply("NothingRefused", Create.empty(DeadLetter.DeadLetterCoder.of()))
            : records.apply(
                "ToKafka",
                kafka.exactlyOnce()
                    ? new SendToKafkaInTransactions(kafka, topic, maxRecordBytes)
                    : new SendToKafka(kafka, topic, maxRecordBytes));
    if (file != null || print) {
      PCollection<String> lines =
          records.apply(
              "ToText",
              MapElements.into(TypeDescriptors.strings())
                  .via(kv -> new String(kv.getValue(), StandardCharsets.UTF_8)));
      if (print) {
        lines.apply("ToStdout", ParDo.of(new PrintFn()));
      }
      if (file != null) {
        writeFile(lines);
      }
    }
    return refused;
  }

  private void writeFile(PCollection<String> lines) {
    if (lines.isBounded() == PCollection.IsBounded.BOUNDED) {
      lines.apply("ToFile", TextIO.write().to(file).withoutSharding());
    } else {
      lines
          .apply("FileWindows", Window.into(FixedWindows.of(FILE_WINDOW)))
          .apply("ToFile", TextIO.write().to(file).withWindowedWrites().withNumShards(1));
    }
  }

  static final class PrintFn extends DoFn<String, Void> {
    @ProcessElement
    public void processElement(@Element String line) {
      System.out.println(line);
    }
  }
}

package dev.callchain.pipeline.io;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Writes keyed JSON records to any of: a Kafka topic (key and value), a JSON Lines file, stdout.
 * The linked output and the dead letters both go through here.
 */
public final class WriteJsonLines extends PTransform<PCollection<KV<String, byte[]>>, PDone> {
  /** How often a streaming run closes a file window. */
  private static final Duration FILE_WINDOW = Duration.standardSeconds(10);

  private final @Nullable String bootstrapServers;
  private final @Nullable String topic;
  private final @Nullable String file;
  private final boolean print;

  private WriteJsonLines(
      @Nullable String bootstrapServers, @Nullable String topic, @Nullable String file, boolean print) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.file = file;
    this.print = print;
  }

  public static WriteJsonLines nowhere() {
    return new WriteJsonLines(null, null, null, false);
  }

  public WriteJsonLines toKafka(String bootstrapServers, String topic) {
    return new WriteJsonLines(bootstrapServers, topic, file, print);
  }

  public WriteJsonLines toFile(String file) {
    return new WriteJsonLines(bootstrapServers, topic, file, print);
  }

  public WriteJsonLines toStdout(boolean print) {
    return new WriteJsonLines(bootstrapServers, topic, file, print);
  }

  @Override
  public PDone expand(PCollection<KV<String, byte[]>> records) {
    if (topic != null) {
      records.apply(
          "ToKafka",
          KafkaIO.<String, byte[]>write()
              .withBootstrapServers(bootstrapServers)
              .withTopic(topic)
              .withKeySerializer(StringSerializer.class)
              .withValueSerializer(ByteArraySerializer.class)
              .withProducerConfigUpdates(
                  Map.of(
                      ProducerConfig.ACKS_CONFIG, "all",
                      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                      ProducerConfig.LINGER_MS_CONFIG, 5)));
    }
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
    return PDone.in(records.getPipeline());
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

package dev.callchain.pipeline.io;

import dev.callchain.pipeline.model.DeadLetter;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Formats records (dead letters, the service graph) as the JSON the sinks write, keyed as on Kafka. */
public final class ToKeyedJson<T> extends PTransform<PCollection<T>, PCollection<KV<String, byte[]>>> {
  private final SerializableFunction<T, KV<String, byte[]>> format;

  private ToKeyedJson(SerializableFunction<T, KV<String, byte[]>> format) {
    this.format = format;
  }

  /** By {@code format}: a record's Kafka key and JSON. */
  public static <T> ToKeyedJson<T> by(SerializableFunction<T, KV<String, byte[]>> format) {
    return new ToKeyedJson<>(format);
  }

  /**
   * Keyed by origin, so a dead letter names the message it replaces; never over {@code
   * maxRecordBytes} (its original cut to fit, {@link OutputJson#deadLetter}).
   */
  public static ToKeyedJson<DeadLetter> deadLetters(int maxRecordBytes) {
    return new ToKeyedJson<>(
        letter -> KV.of(letter.origin().toString(), OutputJson.deadLetter(letter, maxRecordBytes)));
  }

  @Override
  public PCollection<KV<String, byte[]>> expand(PCollection<T> records) {
    return records
        .apply(
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), new TypeDescriptor<byte[]>() {}))
                .via(format))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
  }
}

package org.apache.beam.sdk.io.kafka;

import org.apache.beam.sdk.io.UnboundedSource;

/**
 * The unbounded source behind a {@link KafkaIO.Read}, as its own expansion builds it on runners
 * that read unbounded sources (the FlinkRunner, the DirectRunner). KafkaIO keeps that method to
 * its package; callchain wraps the source (see {@code dev.callchain.pipeline.io.UnmeteredSource}).
 */
public final class KafkaReadSources {
  private KafkaReadSources() {}

  /** {@code read} must have its key and value coders set: the expansion that infers them is skipped. */
  public static <K, V> UnboundedSource<KafkaRecord<K, V>, KafkaCheckpointMark> of(
      KafkaIO.Read<K, V> read) {
    return read.makeSource();
  }
}

package dev.callchain.pipeline.graph;

/** A record of the service graph's topic: statistics of one one-minute event-time window. */
public sealed interface GraphRecord permits EdgeStats, TraceStats {
  long windowStartMs();

  long windowEndMs();

  /** The Kafka key: what the record is about, so that a window's record replaces the one before. */
  String key();
}

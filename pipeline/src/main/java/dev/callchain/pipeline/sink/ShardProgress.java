package dev.callchain.pipeline.sink;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How far one shard of a transactional sink has written: the sequence number of its last record
 * committed, and the run (one submission of the job) that committed it. Kept in Kafka as the
 * metadata of the sink group's offset for the shard, committed in the same transaction as the
 * records, so that it is exactly as far as the topic holds.
 *
 * @param run the submission that wrote it; a job restored from its own checkpoints keeps its run
 * @param lastSequence the last sequence number written, -1 for none
 */
record ShardProgress(String run, long lastSequence) {
  static final ShardProgress NONE = new ShardProgress("", -1);

  /** As the offset's metadata holds it. */
  String metadata() {
    return lastSequence + " " + run;
  }

  /** @param metadata the offset's metadata, or null when the group has no offset for the shard */
  static ShardProgress parse(@Nullable String metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return NONE;
    }
    int space = metadata.indexOf(' ');
    if (space < 0) {
      throw new IllegalStateException("not a callchain sink's progress: '" + metadata + "'");
    }
    return new ShardProgress(metadata.substring(space + 1), Long.parseLong(metadata.substring(0, space)));
  }

  /**
   * The last sequence number already in the topic, which a shard must not write again, as seen by
   * {@code run} for a shard whose state {@code hasState}.
   *
   * <p>A shard with state is this run, or a run it was restored or resumed from: the topic holds
   * what it wrote up to here, and records replayed from a checkpoint up to here are written. A
   * shard without state that finds its own run's progress is replaying its first checkpoint. One
   * that finds another run's progress is a new job with the same group and topic: it starts over.
   */
  long writtenUpTo(String run, boolean hasState) {
    return hasState || this.run.equals(run) ? lastSequence : -1;
  }
}

package dev.callchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A checkpoint Flink completed: when it was triggered (epoch ms), how long it took from trigger to
 * the last acknowledgement, the size of the state it holds and the size this checkpoint wrote
 * (smaller only when it is incremental).
 */
public record CompletedCheckpoint(long id, long triggeredAtMs, long durationMs, long stateSizeBytes,
                           long checkpointedSizeBytes) {
  /** The latest completed checkpoint in Flink's answer to {@code /jobs/:job/checkpoints}, if any. */
  public static Optional<CompletedCheckpoint> latest(JsonNode checkpoints) {
    JsonNode completed = checkpoints.path("latest").path("completed");
    if (!completed.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new CompletedCheckpoint(completed.path("id").asLong(),
        completed.path("trigger_timestamp").asLong(), completed.path("end_to_end_duration").asLong(),
        completed.path("state_size").asLong(), completed.path("checkpointed_size").asLong()));
  }
}

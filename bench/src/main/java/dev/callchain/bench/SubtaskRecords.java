package dev.callchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The records each parallel worker of one operator took in: Flink's {@code read-records} per
 * subtask of the operator's vertex (it heads its vertex, so they are the operator's records in).
 */
record SubtaskRecords(String operator, List<Long> perSubtask) {
  SubtaskRecords {
    perSubtask = List.copyOf(perSubtask);
    if (perSubtask.isEmpty()) {
      throw new IllegalArgumentException(operator + " has no subtasks");
    }
  }

  /** From a vertex as Flink's REST API describes it ({@code /jobs/:job/vertices/:vertex}). */
  static SubtaskRecords of(JsonNode vertex) {
    List<Long> records = new ArrayList<>();
    for (JsonNode subtask : vertex.path("subtasks")) {
      int index = subtask.path("subtask").asInt();
      while (records.size() <= index) {
        records.add(0L);
      }
      records.set(index, subtask.path("metrics").path("read-records").asLong());
    }
    return new SubtaskRecords(vertex.path("name").asText(), records);
  }

  long total() {
    return perSubtask.stream().mapToLong(Long::longValue).sum();
  }

  long busiest() {
    return perSubtask.stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  double mean() {
    return (double) total() / perSubtask.size();
  }

  /** The busiest worker's records over the mean: 1 when the work is even, the parallelism at worst. */
  double busiestVsMean() {
    return busiest() / mean();
  }
}

package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CompletedCheckpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Flink 1.19's answer to /jobs/:job/checkpoints, cut to what is read: checkpoint 2 is in progress. */
  private static final String CHECKPOINTS = """
      {"counts":{"restored":0,"total":3,"in_progress":1,"completed":1,"failed":1},
       "latest":{"completed":{"className":"completed","id":1,"status":"COMPLETED","is_savepoint":false,
         "trigger_timestamp":1796261170855,"latest_ack_timestamp":1796261176004,"checkpointed_size":883907,
         "state_size":883907,"end_to_end_duration":5149,"num_subtasks":6,"num_acknowledged_subtasks":6},
        "savepoint":null,"failed":null,"restored":null},
       "history":[{"className":"in_progress","id":2,"status":"IN_PROGRESS","trigger_timestamp":1796261176073,
         "end_to_end_duration":192}]}
      """;

  @Test
  void theLatestCompletedCheckpointIsReadNotTheOneInProgress() throws Exception {
    CompletedCheckpoint checkpoint = CompletedCheckpoint.latest(JSON.readTree(CHECKPOINTS)).orElseThrow();

    assertEquals(new CompletedCheckpoint(1, 1796261170855L, 5149, 883907, 883907), checkpoint);
  }

  @Test
  void beforeAnyCheckpointCompletedThereIsNone() throws Exception {
    String none = "{\"counts\":{\"completed\":0},\"latest\":{\"completed\":null,\"savepoint\":null}}";
    assertTrue(CompletedCheckpoint.latest(JSON.readTree(none)).isEmpty());
  }
}

package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubtaskRecordsTest {
  /** Flink 1.19's answer to /jobs/:job/vertices/:vertex, cut to what is read, subtasks out of order. */
  private static final String VERTEX = """
      {"id":"21943c3c3e98b856849b10be00ca4555",
       "name":"Callchain/LinkByAddress/LinkAtAddress/ParMultiDo(LinkAtAddress)","parallelism":4,
       "subtasks":[
        {"subtask":1,"status":"RUNNING","metrics":{"read-bytes":286910,"read-records":4000,"write-records":3992}},
        {"subtask":0,"status":"RUNNING","metrics":{"read-bytes":359990,"read-records":2000,"write-records":4825}},
        {"subtask":3,"status":"RUNNING","metrics":{"read-bytes":686604,"read-records":9000,"write-records":9097}},
        {"subtask":2,"status":"RUNNING","metrics":{"read-bytes":272849,"read-records":5000,"write-records":3933}}]}
      """;

  @Test
  void recordsInAreReadPerSubtaskInSubtaskOrder() throws Exception {
    SubtaskRecords records = SubtaskRecords.of(new ObjectMapper().readTree(VERTEX));

    assertEquals("Callchain/LinkByAddress/LinkAtAddress/ParMultiDo(LinkAtAddress)", records.operator());
    assertEquals(List.of(2_000L, 4_000L, 5_000L, 9_000L), records.perSubtask());
    assertEquals(20_000, records.total());
    assertEquals(9_000, records.busiest());
    assertEquals(5_000, records.mean(), 1e-9);
    assertEquals(1.8, records.busiestVsMean(), 1e-9);
  }
}

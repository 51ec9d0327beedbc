package dev.callchain.nativeflink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.pipeline.link.CallsAtAddress;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Joining a call's two halves by id, and what becomes of a half whose partner never comes. */
class JoinHalvesTest {
  private static final CallRecord CALL = CallRecord.of("c", "A", "B", 1000, 2000);
  private static final PartialLinks PARENTS =
      PartialLinks.parentsOf(CALL, new String[] {"p1", "p2"});
  private static final PartialLinks CHILDREN =
      PartialLinks.childrenOf("c", CALL.startAtMs(), CALL.endAtMs(), new String[] {"k"});
  /** Past this watermark no half of CALL can still come. */
  private static final long DUE = CallsAtAddress.bothHalvesOutBy(CALL.endAtMs());

  private KeyedOneInputStreamOperatorTestHarness<String, PartialLinks, LinkedCall> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new JoinHalves(), PartialLinks::id, Types.STRING);
    harness.setProcessingTime(0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void twoHalvesMakeOneRecordAndLeaveNothingBehind() throws Exception {
    arrive(CHILDREN);
    arrive(CHILDREN); // a duplicate half is ignored
    arrive(PARENTS);

    assertEquals(List.of("c parents=[p1, p2] children=[k]"), emitted());
    assertEquals(0, harness.numEventTimeTimers());
    assertEquals(0, harness.numKeyedStateEntries());
  }

  /** Under load one address can emit a call minutes after the other: it is still one record. */
  @Test
  void aHalfWaitsForItsPartnerHoweverLongInProcessingTime() throws Exception {
    arrive(PARENTS);
    harness.setProcessingTime(3_600_000);
    harness.processWatermark(DUE - 1);
    arrive(CHILDREN);

    assertEquals(List.of("c parents=[p1, p2] children=[k]"), emitted());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void anUnpairedParentsHalfIsEmittedOnceTheWatermarkPassesItsDueTime() throws Exception {
    arrive(PARENTS);
    harness.processWatermark(DUE - 1);
    assertEquals(List.of(), emitted());
    harness.processWatermark(DUE);

    assertEquals(List.of("c parents=[p1, p2] children=[]"), emitted());
    assertEquals(0, harness.numKeyedStateEntries());
  }

  @Test
  void anUnpairedChildrenHalfHasNoRecordAndIsDropped() throws Exception {
    arrive(CHILDREN);
    harness.processWatermark(DUE);

    assertEquals(List.of(), emitted());
    assertEquals(0, harness.numKeyedStateEntries());
  }

  private void arrive(PartialLinks half) throws Exception {
    harness.processElement(new StreamRecord<>(half, 0));
  }

  private List<String> emitted() {
    List<String> described = new ArrayList<>();
    for (LinkedCall linked : harness.extractOutputValues()) {
      described.add(
          linked.call().id() + " parents=" + List.of(linked.parents()) + " children="
              + List.of(linked.children()));
    }
    return described;
  }
}

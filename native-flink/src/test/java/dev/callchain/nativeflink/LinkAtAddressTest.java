package dev.callchain.nativeflink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.PartialLinks;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The linker of one address, driven by hand: arrivals, watermarks and the processing clock. */
class LinkAtAddressTest {
  private static final long IDLE_FLUSH_MS = 10_000;
  private static final CallRecord PARENT = CallRecord.of("p", "10.0.0.1", "A", 1000, 2000);
  private static final CallRecord CHILD = CallRecord.of("c", "A", "10.2.0.1", 1100, 1200);
  private static final CallRecord OUTLIVES_PARENT = CallRecord.of("d", "A", "10.2.0.2", 1500, 2500);

  private KeyedOneInputStreamOperatorTestHarness<String, CallAtAddress, PartialLinks> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new LinkAtAddress(IDLE_FLUSH_MS), call -> call.address, Types.STRING);
    harness.setProcessingTime(0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aCallIsEmittedWithItsLinksOnceTheWatermarkPassesItsEnd() throws Exception {
    arrive(CallAtAddress.asParent(PARENT));
    arrive(CallAtAddress.asChild(CHILD));
    arrive(CallAtAddress.asChild(OUTLIVES_PARENT));
    assertEquals(1, harness.numEventTimeTimers(), "one eviction timer per address");
    assertEquals(1, harness.numProcessingTimeTimers(), "one idle timer per address");

    harness.processWatermark(new Watermark(1299)); // past c's end, short of its granule (1300)
    assertEquals(List.of(), emitted());
    harness.processWatermark(new Watermark(1300));
    assertEquals(List.of("c parents=[p]"), emitted());

    harness.processWatermark(new Watermark(Long.MAX_VALUE));
    assertEquals(List.of("c parents=[p]", "d parents=[]", "p children=[c]"), emitted());
    assertEquals(0, harness.numEventTimeTimers());
    assertEquals(0, harness.numProcessingTimeTimers());
  }

  @Test
  void aLateCallStillLinksToWhatIsHeld() throws Exception {
    arrive(CallAtAddress.asParent(PARENT));
    arrive(CallAtAddress.asChild(CHILD));
    harness.processWatermark(new Watermark(1300));
    // Starts behind the address's eviction point; its parent is still held.
    arrive(CallAtAddress.asChild(CallRecord.of("late", "A", "10.2.0.3", 1050, 1150)));
    harness.processWatermark(new Watermark(1400));
    harness.processWatermark(new Watermark(Long.MAX_VALUE));

    assertEquals(List.of("c parents=[p]", "late parents=[p]", "p children=[c, late]"), emitted());
    assertEquals(2L, counter(CallchainMetrics.LINKS));
    assertEquals(1L, counter(CallchainMetrics.LATE_CALLS));
    assertEquals(1L, counter(CallchainMetrics.LATE_LINKS));
  }

  @Test
  void anAddressQuietForTheIdlePeriodIsFlushedAndForgotten() throws Exception {
    arrive(CallAtAddress.asParent(PARENT));
    harness.setProcessingTime(IDLE_FLUSH_MS / 20);
    arrive(CallAtAddress.asChild(CHILD)); // not worth re-arming the idle timer for

    harness.setProcessingTime(IDLE_FLUSH_MS); // the timer fires early: re-armed for the rest
    assertEquals(List.of(), emitted());
    harness.setProcessingTime(IDLE_FLUSH_MS + IDLE_FLUSH_MS / 20);

    assertEquals(List.of("c parents=[p]", "p children=[c]"), emitted());
    assertEquals(0, harness.numEventTimeTimers());
    assertEquals(0, harness.numProcessingTimeTimers());
    assertEquals(0, harness.numKeyedStateEntries());
  }

  private Object counter(String name) {
    return harness.getEnvironment().getAccumulatorRegistry().getUserMap().get(name).getLocalValue();
  }

  private void arrive(CallAtAddress call) throws Exception {
    harness.processElement(new StreamRecord<>(call, call.start));
  }

  /** Everything emitted so far, sorted: the order within one firing is not part of the contract. */
  private List<String> emitted() {
    List<String> described = new ArrayList<>();
    for (PartialLinks half : harness.extractOutputValues()) {
      described.add(
          half.id() + (half.hasParents() ? " parents=" : " children=") + List.of(half.ids()));
    }
    described.sort(null);
    return described;
  }
}

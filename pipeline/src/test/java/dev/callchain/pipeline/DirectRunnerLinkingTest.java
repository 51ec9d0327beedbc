package dev.callchain.pipeline;

import static dev.callchain.pipeline.testing.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.testing.ArrivalStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import dev.callchain.pipeline.link.LinkSettings;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The linking scenarios on the DirectRunner, plus the idle flush driven by processing time. */
class DirectRunnerLinkingTest extends LinkingScenarios {
  private static final long IDLE_FLUSH = 60_000;

  @Override
  protected PipelineOptions options() {
    return directRunner();
  }

  static PipelineOptions directRunner() {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(true);
    return options;
  }

  @Override
  protected int randomRuns() {
    return 12;
  }

  /** The DirectRunner delivers the watermark before the next element: the child is late. */
  @Test
  void aRecordBehindTheWatermarkIsCountedAsLate() {
    Run run = lateChild();
    assertEquals(1, run.counter(CallchainMetrics.LATE_CALLS));
    // p (ends 2000) was emitted at 2100 or later, by the watermark at 10000; late starts at 1100.
    long lateness = run.counter(CallchainMetrics.LATENESS + "_max");
    assertTrue(lateness >= 1000 && lateness <= 8900, "lateness " + lateness);
    assertEquals(links(List.of(), List.of()), run.links("p"));
    assertEquals(links(List.of(), List.of()), run.links("late"));
  }

  /** The parent is emitted at 2100 and kept 1 s past its end: gone when the child comes. */
  @Test
  void aLateLinkPastTheRevisionHorizonIsDropped() {
    Run run =
        run(
            lateChildStream(100_000),
            linkSettings(NEVER_IDLE).withLateLinks(LinkSettings.LateLinks.REVISE, 1_000));
    assertEquals(links(List.of(), List.of()), run.links("p"));
    assertEquals(0, run.byId.get("p").revision());
    assertEquals(0, run.counter(CallchainMetrics.REVISIONS));
  }

  @Test
  void withinTheHorizonTheLateLinkRevisesTheParent() {
    Run run =
        run(
            lateChildStream(100_000),
            linkSettings(NEVER_IDLE).withLateLinks(LinkSettings.LateLinks.REVISE, 200_000));
    assertEquals(links(List.of(), List.of("late")), run.links("p"));
    assertEquals(1, run.byId.get("p").revision());
  }

  @Test
  void anIdleAddressIsFlushedWithTheLinksFoundSoFarAndForgotten() {
    ArrivalStream stream =
        new ArrivalStream(BOUND)
            .arrive(call("p", "a", "b", 1000, 2000), call("c1", "b", "c", 1100, 1200))
            .processingTimePasses(IDLE_FLUSH + 1)
            // The watermark has not moved: c2 is on time, but p is no longer held.
            .arrive(call("c2", "b", "c", 1300, 1400));
    Run run = run(stream.end(), IDLE_FLUSH);
    assertEquals(links(List.of(), List.of("c1")), run.links("p"));
    assertEquals(links(List.of("p"), List.of()), run.links("c1"));
    assertEquals(links(List.of(), List.of()), run.links("c2"));
    // Addresses a (p left it), b (p went to it, c1 left it) and c (c1 went to it).
    assertEquals(3, run.counter(CallchainMetrics.IDLE_FLUSHES));
  }

  /**
   * Address a goes quiet and is flushed, while b keeps receiving and holds p until the input ends:
   * p's two halves leave the linker over four idle periods apart, and still make one record.
   */
  @Test
  void halvesFlushedFarApartInProcessingTimeStillMakeOneRecord() {
    ArrivalStream stream = new ArrivalStream(BOUND).arrive(call("p", "a", "b", 1000, 2000));
    List<String> children = new ArrayList<>();
    for (int i = 10; i < 22; i++) {
      children.add("c" + i);
      stream =
          stream
              .processingTimePasses(IDLE_FLUSH / 2)
              .arrive(call("c" + i, "b", "c", 600 + 50 * i, 620 + 50 * i));
    }
    Run run = run(stream.end(), IDLE_FLUSH);
    assertEquals(links(List.of(), children), run.links("p"));
    assertEquals(13, run.byId.size());
    assertTrue(run.counter(CallchainMetrics.IDLE_FLUSHES) >= 1, "a was not flushed");
    assertEquals(0, run.counter(CallchainMetrics.UNPAIRED_EMITTED));
    assertEquals(0, run.counter(CallchainMetrics.UNPAIRED_DROPPED));
  }

  @Test
  void anAddressThatKeepsReceivingIsNotFlushed() {
    ArrivalStream stream =
        new ArrivalStream(BOUND)
            .arrive(call("p", "a", "b", 1000, 2000))
            .processingTimePasses(IDLE_FLUSH / 2)
            .arrive(call("c1", "b", "c", 1100, 1200))
            .processingTimePasses(IDLE_FLUSH / 2)
            .arrive(call("c2", "b", "c", 1300, 1400));
    Run run = run(stream.end(), IDLE_FLUSH);
    assertEquals(links(List.of(), List.of("c1", "c2")), run.links("p"));
  }
}

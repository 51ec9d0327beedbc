package dev.callchain.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.pipeline.link.LinkSettings;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;

/**
 * With each address cut into 250 ms slices (--addressSliceMs), the linking scenarios give the
 * same output on the DirectRunner: the random calls last up to 2 s, so a parent spans up to nine
 * slices and its children half comes in that many pieces.
 */
class SlicedAddressLinkingTest extends LinkingScenarios {
  static final long SLICE_MS = 250;

  @Override
  protected PipelineOptions options() {
    return DirectRunnerLinkingTest.directRunner();
  }

  @Override
  protected LinkSettings linkSettings(long idleFlushMs) {
    return super.linkSettings(idleFlushMs).withAddressSliceMs(SLICE_MS);
  }

  @Override
  protected int randomRuns() {
    return 6;
  }

  /**
   * The DirectRunner delivers the watermark (10 s) before the late child: p's slice of 1,000 ms
   * was emptied and forgotten by then, and the child, starting it again, is still known late.
   */
  @Test
  void aCallReachingAForgottenSliceIsCountedAsLate() {
    Run run = lateChild();
    assertEquals(1, run.counter(CallchainMetrics.LATE_CALLS));
    assertEquals(links(List.of(), List.of()), run.links("p"));
    assertEquals(links(List.of(), List.of()), run.links("late"));
  }
}

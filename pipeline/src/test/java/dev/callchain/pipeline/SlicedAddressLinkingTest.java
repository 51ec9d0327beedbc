package dev.callchain.pipeline;

import dev.callchain.pipeline.link.LinkSettings;
import org.apache.beam.sdk.options.PipelineOptions;

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
}

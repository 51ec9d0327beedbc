package dev.callchain.pipeline;

import dev.callchain.pipeline.link.LinkSettings;
import org.apache.beam.sdk.options.PipelineOptions;

/** The linking scenarios with sliced addresses on the FlinkRunner's embedded cluster. */
class FlinkRunnerSlicedAddressLinkingTest extends LinkingScenarios {
  @Override
  protected PipelineOptions options() {
    return new FlinkRunnerLinkingTest().options();
  }

  @Override
  protected LinkSettings linkSettings(long idleFlushMs) {
    return super.linkSettings(idleFlushMs).withAddressSliceMs(SlicedAddressLinkingTest.SLICE_MS);
  }

  @Override
  protected int randomRuns() {
    return 3;
  }
}

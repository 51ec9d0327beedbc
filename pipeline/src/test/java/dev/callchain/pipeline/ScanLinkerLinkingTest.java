package dev.callchain.pipeline;

import dev.callchain.pipeline.link.LinkSettings;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The benchmarks' baseline linker ({@code --linker=scan}) must give the product's output: the
 * same scenarios, on the DirectRunner. It has no idle flush, so those tests are not repeated.
 */
class ScanLinkerLinkingTest extends LinkingScenarios {
  @Override
  protected PipelineOptions options() {
    return DirectRunnerLinkingTest.directRunner();
  }

  @Override
  protected LinkSettings linkSettings(long idleFlushMs) {
    return super.linkSettings(idleFlushMs).withLinker(LinkSettings.Linker.SCAN);
  }

  /** The baseline has no revise mode (the options refuse it): nothing to repeat here. */
  @Override
  void reviseModeReEmitsTheCallALateLinkReaches() {}

  @Override
  void reviseModeGivesTheSameResultWhenNothingIsLate() {}

  @Override
  protected int randomRuns() {
    return 3;
  }
}

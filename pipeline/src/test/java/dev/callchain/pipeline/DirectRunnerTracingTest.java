package dev.callchain.pipeline;

import org.apache.beam.sdk.options.PipelineOptions;

/** --traces on the DirectRunner. */
class DirectRunnerTracingTest extends TracingScenarios {
  @Override
  protected PipelineOptions options() {
    return DirectRunnerLinkingTest.directRunner();
  }

  @Override
  protected int randomRuns() {
    return 4;
  }
}

package dev.callchain.pipeline;

import org.apache.beam.sdk.options.PipelineOptions;

/** --traces on the FlinkRunner's embedded cluster, streaming, parallelism 2. */
class FlinkRunnerTracingTest extends TracingScenarios {
  @Override
  protected PipelineOptions options() {
    return FlinkRunnerLinkingTest.flinkRunner();
  }

  @Override
  protected int randomRuns() {
    return 2;
  }
}

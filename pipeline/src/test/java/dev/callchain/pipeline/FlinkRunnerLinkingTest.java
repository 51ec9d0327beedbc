package dev.callchain.pipeline;

import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The linking scenarios on the FlinkRunner's embedded cluster, streaming, parallelism 2. Flink's
 * TestStream cannot advance processing time, so the idle flush is tested on Flink with a Kafka
 * source that really goes quiet ({@code KafkaFlinkRunnerTest}).
 */
class FlinkRunnerLinkingTest extends LinkingScenarios {
  @Override
  protected PipelineOptions options() {
    return flinkRunner();
  }

  static PipelineOptions flinkRunner() {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setStreaming(true);
    options.setParallelism(2);
    options.setObjectReuse(true);
    return options;
  }

  @Override
  protected int randomRuns() {
    return 3;
  }
}

package dev.callchain.pipeline;

import dev.callchain.pipeline.link.LinkSettings;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

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

  /** The baseline has no revise mode (the options refuse it): reported as skipped, not passed. */
  @Override
  @Test
  void reviseModeReEmitsTheCallALateLinkReaches() {
    Assumptions.abort("--linker=scan has no --lateLinks=revise");
  }

  @Override
  @Test
  void reviseModeGivesTheSameResultWhenNothingIsLate() {
    Assumptions.abort("--linker=scan has no --lateLinks=revise");
  }

  @Override
  @Test
  void withASkewToleranceACallerMissingContainmentByTheSkewIsNamedBest() {
    Assumptions.abort("--linker=scan has no --bestParent");
  }

  @Override
  @Test
  void randomCallSetsWithASkewToleranceKeepTheRulesLinksAndNameOnlyNearCallers() {
    Assumptions.abort("--linker=scan has no --bestParent");
  }

  @Override
  protected int randomRuns() {
    return 3;
  }
}

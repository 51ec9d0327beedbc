package dev.callchain.pipeline.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.MetricsReport;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.PartialLinks;
import dev.callchain.pipeline.testing.Collected;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Joining halves by id on the DirectRunner, whose TestStream moves processing time and the
 * watermark apart: processing time alone never gives up on a half, the watermark does.
 */
class AssembleByIdFnTest {
  private static final long SWEEP_PERIOD = 60_000;
  private static final CallRecord CALL = CallRecord.of("x", "a", "b", 1000, 2000);
  private static final PartialLinks PARENTS = PartialLinks.parentsOf(CALL, new String[] {"p"});
  private static final PartialLinks CHILDREN =
      PartialLinks.childrenOf("x", CALL.startAtMs(), CALL.endAtMs(), new String[] {"k"});
  private static final long DUE = CallsAtAddress.bothHalvesOutBy(CALL.endAtMs());

  private Map<String, Long> counters;

  @Test
  void halvesArrivingPeriodsApartInProcessingTimeAreJoined() {
    List<String> out =
        run(
            parentsWaitThreeSweeps()
                .advanceWatermarkTo(new Instant(DUE - 1))
                .addElements(half(CHILDREN, DUE - 1))
                .advanceWatermarkToInfinity());
    assertEquals(List.of("x parents=[p] children=[k]"), out);
    assertEquals(0, counters.getOrDefault(CallchainMetrics.UNPAIRED_EMITTED, 0L));
  }

  /** Output stamped at the due time, not at the end of the input: the watermark resolved it. */
  @Test
  void aLoneParentsHalfIsEmittedWhenTheWatermarkPassesItsDueTime() {
    List<String> out =
        run(
            parentsWaitThreeSweeps()
                .advanceWatermarkTo(new Instant(DUE + 1))
                .advanceProcessingTime(Duration.millis(SWEEP_PERIOD + 1))
                .advanceWatermarkToInfinity(),
            true);
    assertEquals(List.of("x parents=[p] children=[] at " + DUE), out);
    assertEquals(1, counters.get(CallchainMetrics.UNPAIRED_EMITTED));
  }

  @Test
  void whateverWaitsWhenTheInputEndsIsResolved() {
    List<String> out =
        run(
            stream()
                .addElements(half(PARENTS, DUE - 100))
                .addElements(half(PartialLinks.childrenOf("y", 1000, 2000, new String[0]), DUE - 100))
                .advanceWatermarkToInfinity());
    assertEquals(List.of("x parents=[p] children=[]"), out);
    assertEquals(1, counters.get(CallchainMetrics.UNPAIRED_EMITTED));
    assertEquals(1, counters.get(CallchainMetrics.UNPAIRED_DROPPED));
    assertEquals(0, counters.get(CallchainMetrics.WAITING_HALVES));
  }

  /**
   * The parents half arrives, then three sweep periods pass with the watermark still at its start.
   * One step per period: the DirectRunner fires a processing-time timer once its clock is past it.
   */
  private static TestStream.Builder<KV<Integer, PartialLinks>> parentsWaitThreeSweeps() {
    TestStream.Builder<KV<Integer, PartialLinks>> stream =
        stream().addElements(half(PARENTS, DUE - 100));
    for (int sweep = 0; sweep < 3; sweep++) {
      stream = stream.advanceProcessingTime(Duration.millis(SWEEP_PERIOD + 1));
    }
    return stream;
  }

  private static TestStream.Builder<KV<Integer, PartialLinks>> stream() {
    return TestStream.create(KvCoder.of(VarIntCoder.of(), PartialLinks.PartialLinksCoder.of()));
  }

  private static TimestampedValue<KV<Integer, PartialLinks>> half(PartialLinks half, long at) {
    return TimestampedValue.of(KV.of(AssembleByIdFn.shardOf(half.id()), half), new Instant(at));
  }

  private List<String> run(TestStream<KV<Integer, PartialLinks>> stream) {
    return run(stream, false);
  }

  private List<String> run(TestStream<KV<Integer, PartialLinks>> stream, boolean stamped) {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(true);
    Pipeline pipeline = Pipeline.create(options);
    Collected<String> described = new Collected<>();
    pipeline
        .apply(stream)
        .apply(ParDo.of(new AssembleByIdFn(LinkSettings.idleFlushAfter(SWEEP_PERIOD))))
        .apply(ParDo.of(new Describe(stamped)))
        .apply(described.sink());
    PipelineResult result = pipeline.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
    counters = MetricsReport.metrics(result);
    return described.items();
  }

  private static final class Describe extends DoFn<LinkedCall, String> {
    private final boolean stamped;

    Describe(boolean stamped) {
      this.stamped = stamped;
    }

    @ProcessElement
    public void processElement(
        @Element LinkedCall call, @Timestamp Instant at, OutputReceiver<String> out) {
      out.output(
          call.call().id() + " parents=" + List.of(call.parents()) + " children="
              + List.of(call.children()) + (stamped ? " at " + at.getMillis() : ""));
    }
  }
}

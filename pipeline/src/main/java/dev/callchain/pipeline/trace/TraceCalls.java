package dev.callchain.pipeline.trace;

import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.TraceSummary;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Places every linked call in its trace (--traces): {@link #TRACED} has each call with its trace
 * id and depth, written once its ancestors are; {@link #TRACES} has each trace's summary, written
 * once all its calls have surely come (the watermark is past its root's end).
 */
public final class TraceCalls extends PTransform<PCollection<LinkedCall>, PCollectionTuple> {
  public static final TupleTag<LinkedCall> TRACED = FollowBestParentsFn.TRACED;
  public static final TupleTag<TraceSummary> TRACES = FollowBestParentsFn.TRACES;

  /** The one key all calls share: see {@link FollowBestParentsFn}. */
  private static final int FOREST = 0;

  private final long skewToleranceMs;

  /** For calls linked with this --skewToleranceMs (0: none). */
  public TraceCalls(long skewToleranceMs) {
    this.skewToleranceMs = skewToleranceMs;
  }

  @Override
  public PCollectionTuple expand(PCollection<LinkedCall> linked) {
    return linked
        .apply("OneForest", WithKeys.of(FOREST))
        .setCoder(KvCoder.of(VarIntCoder.of(), linked.getCoder()))
        .apply(
            "FollowBestParents",
            ParDo.of(new FollowBestParentsFn(skewToleranceMs)).withOutputTags(TRACED, TupleTagList.of(TRACES)));
  }
}

package dev.callchain.pipeline.graph;

import dev.callchain.pipeline.io.ToKeyedJson;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/** The service graph's records ({@link ServiceGraph}) as the JSON its topic carries ({@link GraphJson}). */
public final class FormatServiceGraph extends PTransform<PCollectionTuple, PCollection<KV<String, byte[]>>> {
  @Override
  public PCollection<KV<String, byte[]>> expand(PCollectionTuple graph) {
    // Two lambdas, not one method reference twice: javac deserializes two serializable references
    // to one method as the same one, with the first one's cast (EdgeStats) for both.
    return PCollectionList.of(
            graph.get(ServiceGraph.EDGES).apply("FormatEdges", ToKeyedJson.by((EdgeStats edge) -> keyed(edge))))
        .and(graph.get(ServiceGraph.TRACES).apply("FormatTraces", ToKeyedJson.by((TraceStats traces) -> keyed(traces))))
        .apply("AllGraphRecords", Flatten.pCollections())
        // Out of their minute windows, as every record the sinks take: what Kafka refuses of them
        // joins the dead letters, which are in the global window.
        .apply(
            "ToGlobalWindow",
            Window.<KV<String, byte[]>>into(new GlobalWindows())
                .triggering(DefaultTrigger.of())
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes());
  }

  private static KV<String, byte[]> keyed(GraphRecord record) {
    return KV.of(record.key(), GraphJson.write(record));
  }
}

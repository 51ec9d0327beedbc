package dev.callchain.pipeline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Collects a PCollection into this JVM, so a test can assert on it after the run. Works for the
 * DirectRunner and the FlinkRunner's embedded cluster, which run in the test's JVM.
 */
public final class Collected<T> {
  private static final Map<String, Queue<Object>> SINKS = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public Collected() {
    SINKS.put(id, new ConcurrentLinkedQueue<>());
  }

  public PTransform<PCollection<T>, PDone> sink() {
    String sinkId = id;
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<T> input) {
        input.apply(ParDo.of(new CollectFn<T>(sinkId)));
        return PDone.in(input.getPipeline());
      }
    };
  }

  @SuppressWarnings("unchecked")
  public List<T> items() {
    return new ArrayList<>((Queue<T>) (Queue<?>) SINKS.get(id));
  }

  private static final class CollectFn<T> extends DoFn<T, Void> {
    private final String sinkId;

    CollectFn(String sinkId) {
      this.sinkId = sinkId;
    }

    @ProcessElement
    public void processElement(@Element T element) {
      SINKS.get(sinkId).add(element);
    }
  }
}

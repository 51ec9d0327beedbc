package dev.callchain.bench;

import dev.callchain.pipeline.CallchainMain;
import dev.callchain.pipeline.CallchainMetrics;

/**
 * A child JVM that runs the callchain pipeline once with the given pipeline options (any runner,
 * any linker) and prints its result line; exits with the pipeline's exit code. A live Kafka stream
 * (no {@code --maxRecords}) never ends by itself: it runs until the bench stops this JVM.
 */
public final class CallchainChild {
  private CallchainChild() {}

  public static void main(String[] args) {
    CallchainMain.Run run;
    long peakHeap;
    try (HeapSampler heap = HeapSampler.start()) {
      run = CallchainMain.execute(args, System.getenv(), System.out, System.err);
      peakHeap = heap.peakBytes();
    }
    if (run.exitCode() == 0) {
      long records = run.metrics().getOrDefault(CallchainMetrics.CALLS_READ, 0L);
      System.out.println(new ChildResult(records, run.seconds(), peakHeap, run.metrics()).toLine());
    }
    System.exit(run.exitCode());
  }
}

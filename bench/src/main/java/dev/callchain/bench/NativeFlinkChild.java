package dev.callchain.bench;

import dev.callchain.pipeline.CallchainMetrics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * A child JVM that runs the hand-written Flink DataStream job (module native-flink) once and, when
 * it ends ({@code --bounded}), prints its result line; a live stream ({@code --startFromEarliest})
 * runs until the bench stops this JVM. The job is found by name, so the bench builds and runs
 * (reporting the row as unavailable, exit {@value #NOT_AVAILABLE}) before that module has its code.
 */
public final class NativeFlinkChild {
  static final String JOB = "dev.callchain.nativeflink.NativeLinkJob";
  static final String SETTINGS = "dev.callchain.nativeflink.NativeLinkSettings";
  static final int NOT_AVAILABLE = 3;

  private NativeFlinkChild() {}

  public static void main(String[] args) throws Exception {
    Class<?> job;
    Class<?> settingsType;
    try {
      job = Class.forName(JOB);
      settingsType = Class.forName(SETTINGS);
    } catch (ClassNotFoundException e) {
      System.err.println("native-flink: " + JOB + " is not on the class path");
      System.exit(NOT_AVAILABLE);
      return;
    }
    Object settings = settingsType.getMethod("parse", String[].class).invoke(null, (Object) args);
    Method run = job.getMethod("run", settingsType);
    Object result;
    long peakHeap;
    try (HeapSampler heap = HeapSampler.start()) {
      result = run.invoke(null, settings);
      peakHeap = heap.peakBytes();
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
    @SuppressWarnings("unchecked")
    Map<String, Long> counters = (Map<String, Long>) accessor(result, "counters");
    double seconds = (Double) accessor(result, "wallSeconds");
    long records = counters.getOrDefault(CallchainMetrics.CALLS_READ, 0L);
    System.out.println(new ChildResult(records, seconds, peakHeap, counters).toLine());
    System.exit(0);
  }

  private static Object accessor(Object record, String name) throws ReflectiveOperationException {
    return record.getClass().getMethod(name).invoke(record);
  }
}

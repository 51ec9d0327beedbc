package dev.callchain.demo;

import java.util.Map;

/**
 * The one-command demo: {@code scripts/demo [--stream] [--count TRACES] [--interval MS]}. Exit 0
 * when every simulated record came back linked and every malformed one as a dead letter.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) {
    DemoSettings settings;
    try {
      settings = DemoSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage());
      System.err.println(DemoSettings.USAGE);
      System.exit(2);
      return;
    }
    int status;
    try {
      status = new Demo(settings, System.out, System.err).run() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("demo: failed: " + e);
      status = 1;
    }
    // Flink's embedded cluster and Kafka leave non-daemon threads behind.
    System.exit(status);
  }

  /** The simulator's delivery delays for the demo: short, so that the demo is short too. */
  static final Map<String, String> SIMULATOR_ENVIRONMENT =
      Map.of("SIMPY_DELAY_SCALE_MS", "100", "SIMPY_MAX_DELAY_MS", "1000");
}

package dev.callchain.bench;

import java.util.function.Supplier;

/**
 * What the bench's standalone commands (one section alone, without the whole bench) share: the
 * broker in their JVM kept quiet, and a bad option said with the usage, exit 2.
 */
public final class StandaloneCommand {
  private StandaloneCommand() {}

  /** The broker runs in this JVM and logs every step at INFO otherwise (scripts/bench sets the same). */
  static void quietBrokerLogs() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
  }

  /** The options {@code parse} reads, or, when it refuses them, the reason and the usage and exit 2. */
  public static <T> T optionsOrExit(String command, String usage, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      System.err.println(command + ": " + e.getMessage());
      System.err.println(usage);
      System.exit(2);
      throw e;
    }
  }
}

package dev.callchain.nativeflink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job's settings, from {@code --name=value} flags (SPEC §5 names and defaults where the
 * pipeline has the same option).
 */
public record NativeLinkSettings(
    String bootstrapServers,
    String inputTopic,
    String outputTopic,
    String deadLetterTopic,
    String groupId,
    long maxOutOfOrderMs,
    long idleFlushMs,
    long idlePartitionMs,
    int parallelism,
    boolean bounded,
    boolean startFromEarliest) {

  public static final String USAGE =
      "Usage: NativeLinkJob [--bootstrapServers=localhost:9092] [--inputTopic=test-topic]\n"
          + "  [--outputTopic=linked-topic] [--deadLetterTopic=dead-letter-topic]\n"
          + "  [--groupId=callchain-native] [--maxOutOfOrderMs=30000] [--idleFlushMs=60000]\n"
          + "  [--idlePartitionMs=10000] [--parallelism=2] [--bounded[=true]]\n"
          + "  [--startFromEarliest[=true]]\n"
          + "--bounded reads the input topic from the earliest offsets up to the latest ones\n"
          + "present at start, then ends; otherwise the job reads from the group's committed\n"
          + "offsets (else the latest; with --startFromEarliest, else the earliest) until it\n"
          + "is stopped.";

  public NativeLinkSettings {
    if (maxOutOfOrderMs < 0 || idleFlushMs <= 0 || idlePartitionMs <= 0 || parallelism <= 0) {
      throw new IllegalArgumentException(
          "--maxOutOfOrderMs must be >= 0; --idleFlushMs, --idlePartitionMs and --parallelism > 0");
    }
    if (bounded && startFromEarliest) {
      // A bounded run starts at the earliest offsets anyway; both at once asks to end and not to.
      throw new IllegalArgumentException(
          "--startFromEarliest is for a run until stopped; --bounded starts at the earliest too");
    }
  }

  /** Every setting at its default. */
  public static NativeLinkSettings defaults() {
    return parse();
  }

  public static NativeLinkSettings parse(String... args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("not a --flag: " + arg);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      flags.put(name, equals < 0 ? "true" : arg.substring(equals + 1));
    }
    NativeLinkSettings settings =
        new NativeLinkSettings(
            text(flags, "bootstrapServers", "localhost:9092"),
            text(flags, "inputTopic", "test-topic"),
            text(flags, "outputTopic", "linked-topic"),
            text(flags, "deadLetterTopic", "dead-letter-topic"),
            text(flags, "groupId", "callchain-native"),
            number(flags, "maxOutOfOrderMs", 30_000),
            number(flags, "idleFlushMs", 60_000),
            number(flags, "idlePartitionMs", 10_000),
            (int) number(flags, "parallelism", 2),
            Boolean.parseBoolean(text(flags, "bounded", "false")),
            Boolean.parseBoolean(text(flags, "startFromEarliest", "false")));
    if (!flags.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown option(s): --" + String.join(", --", flags.keySet()));
    }
    return settings;
  }

  private static String text(Map<String, String> flags, String name, String fallback) {
    String value = flags.remove(name);
    return value == null ? fallback : value;
  }

  private static long number(Map<String, String> flags, String name, long fallback) {
    String value = text(flags, name, null);
    try {
      return value == null ? fallback : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value, e);
    }
  }
}

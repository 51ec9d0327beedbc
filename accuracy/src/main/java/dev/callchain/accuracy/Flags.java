package dev.callchain.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand's flags: {@code --name=value} or {@code --name value} for the named values, bare
 * {@code --name} for the switches. Anything else is a usage error. A named value given twice
 * keeps both ({@link #all}); {@link #get} reads the last.
 */
public final class Flags {
  private final Map<String, List<String>> values = new HashMap<>();

  public Flags(String[] args, Set<String> valued, Set<String> switches) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      if (switches.contains(name) && equals < 0) {
        put(name, "true");
      } else if (!valued.contains(name)) {
        throw new UsageException("unknown option: " + arg);
      } else if (equals > 0) {
        put(name, arg.substring(equals + 1));
      } else if (i + 1 < args.length) {
        put(name, args[++i]);
      } else {
        throw new UsageException(name + " needs a value");
      }
    }
  }

  private void put(String name, String value) {
    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String get(String name) {
    List<String> given = values.get(name);
    return given == null ? null : given.get(given.size() - 1);
  }

  /** Every value given for a repeatable option, in order; empty when none. */
  public List<String> all(String name) {
    return List.copyOf(values.getOrDefault(name, List.of()));
  }

  public String getOr(String name, String fallback) {
    return has(name) ? get(name) : fallback;
  }

  public String require(String name) {
    String value = get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException(name + " is required");
    }
    return value;
  }

  long longOr(String name, long fallback) {
    String value = get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(name + ": expected a whole number, got '" + value + "'");
    }
  }

  /** Bad usage: the message says what was wrong. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }
}

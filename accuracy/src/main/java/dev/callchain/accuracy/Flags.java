package dev.callchain.accuracy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand's flags: {@code --name=value} or {@code --name value} for the named values, bare
 * {@code --name} for the switches. Anything else is a usage error.
 */
final class Flags {
  private final Map<String, String> values = new HashMap<>();

  Flags(String[] args, Set<String> valued, Set<String> switches) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      if (switches.contains(name) && equals < 0) {
        values.put(name, "true");
      } else if (!valued.contains(name)) {
        throw new UsageException("unknown option: " + arg);
      } else if (equals > 0) {
        values.put(name, arg.substring(equals + 1));
      } else if (i + 1 < args.length) {
        values.put(name, args[++i]);
      } else {
        throw new UsageException(name + " needs a value");
      }
    }
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String get(String name) {
    return values.get(name);
  }

  String getOr(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String require(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException(name + " is required");
    }
    return value;
  }

  long longOr(String name, long fallback) {
    String value = values.get(name);
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
  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }
}

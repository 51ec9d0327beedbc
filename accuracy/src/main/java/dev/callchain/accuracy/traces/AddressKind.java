package dev.callchain.accuracy.traces;

import dev.callchain.accuracy.Flags;
import java.util.Locale;

/** What stands for a service instance in {@code src_ip}/{@code dst_ip} ({@code --address}). */
enum AddressKind {
  IP, POD, SERVICE;

  static AddressKind parse(String flag) {
    try {
      return valueOf(flag.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Flags.UsageException("--address: expected ip, pod or service, got '" + flag + "'");
    }
  }

  String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.callchain.accuracy.traces;

import java.util.Locale;

/** A span's side of an RPC. Messaging maps onto it: a producer calls, a consumer serves. */
enum SpanKind {
  SERVER, CLIENT, INTERNAL;

  /**
   * Parses the kinds the formats write ({@code server}, {@code SPAN_KIND_CLIENT}, OTLP's numbers
   * 1..5); null for unspecified or unknown, so that {@link SpanKinds} infers it.
   */
  static SpanKind parse(String written) {
    if (written == null) {
      return null;
    }
    return switch (written.trim().toUpperCase(Locale.ROOT).replace("SPAN_KIND_", "")) {
      case "SERVER", "CONSUMER", "2", "5" -> SERVER;
      case "CLIENT", "PRODUCER", "3", "4" -> CLIENT;
      case "INTERNAL", "1" -> INTERNAL;
      default -> null;
    };
  }
}

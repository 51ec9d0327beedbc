package dev.callchain.accuracy.traces;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code src_ip}/{@code dst_ip} of calls: an instance's address of the chosen kind; for a
 * callee that is not traced, or the caller of a request entering the system, the span's peer tags.
 */
final class CallAddresses {
  /** Where the formats name the other side of a call, most specific first. */
  private static final List<String> PEER_TAGS =
      List.of("peer.address", "peer.hostname", "net.peer.name", "server.address", "peer.service", "db.system");
  static final String EXTERNAL = "external";
  private static final Pattern NOT_ADDRESS_LIKE = Pattern.compile("[^A-Za-z0-9._:/-]+");

  private final AddressKind kind;

  CallAddresses(AddressKind kind) {
    this.kind = kind;
  }

  String of(Span span) {
    String address = span.instance().address(kind);
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException(span.where() + ": service " + span.instance().service() + " has no "
          + kind.flag() + " (give --address with one every span has)");
    }
    return address;
  }

  /** Who sent a request into the system: its peer, else {@value #EXTERNAL}. */
  String entering(Span server) {
    String peer = peer(server);
    return peer != null ? peer : EXTERNAL;
  }

  /**
   * A callee without spans: its peer, else {@code caller-service->operation}, one address per
   * kind of call so that it is never mistaken for a traced service.
   */
  String untracedCallee(Span client) {
    String peer = peer(client);
    return peer != null ? peer
        : client.instance().service() + "->" + NOT_ADDRESS_LIKE.matcher(client.operation().trim()).replaceAll("_");
  }

  private static String peer(Span span) {
    for (String tag : PEER_TAGS) {
      String value = span.tags().get(tag);
      if (value != null && !value.isBlank()) {
        return host(value.trim());
      }
    }
    return null;
  }

  /** The host of {@code host:port} or {@code [v6]:port}: ports change per connection, addresses do not. */
  private static String host(String address) {
    if (address.startsWith("[") && address.indexOf(']') > 0) {
      return address.substring(1, address.indexOf(']'));
    }
    int colon = address.indexOf(':');
    return colon > 0 && colon == address.lastIndexOf(':') ? address.substring(0, colon) : address;
  }
}

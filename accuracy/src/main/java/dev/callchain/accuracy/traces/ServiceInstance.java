package dev.callchain.accuracy.traces;

/**
 * Where a span ran: its service and, when the format records them, its pod (or host name) and
 * IP. Two spans on different instances are on two sides of a network hop.
 */
record ServiceInstance(String service, String pod, String ip) {
  ServiceInstance {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("no service name");
    }
  }

  /** The address this instance has in the call log, or null when it does not record that kind. */
  String address(AddressKind kind) {
    return switch (kind) {
      case IP -> ip;
      case POD -> pod;
      case SERVICE -> service;
    };
  }
}

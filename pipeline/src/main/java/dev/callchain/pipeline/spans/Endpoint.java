package dev.callchain.pipeline.spans;

/** One side of a call in a span: the service, and the address it was reached at or called from. */
public record Endpoint(String serviceName, String address) {
  public IpLiteral ip() {
    return IpLiteral.of(address);
  }
}

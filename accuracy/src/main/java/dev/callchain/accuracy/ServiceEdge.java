package dev.callchain.accuracy;

import dev.callchain.simulator.model.Service;

/**
 * The call edges of the simulator's model, named by caller and callee. A record belongs to the
 * edge of its callee, read from its {@code dst_ip} through the simulator's {@link Service}
 * address prefixes.
 */
public enum ServiceEdge {
  CLIENT_MAIN("client→Main", Service.MAIN),
  MAIN_SUB1("Main→Sub1", Service.SUB1),
  MAIN_SUB2("Main→Sub2", Service.SUB2),
  SUB2_SUB3("Sub2→Sub3", Service.SUB3);

  private final String label;
  private final Service callee;

  ServiceEdge(String label, Service callee) {
    this.label = label;
    this.callee = callee;
  }

  public String label() {
    return label;
  }

  /** The edge of a call to {@code dstIp}, or null when no service of the model has that address. */
  public static ServiceEdge ofCallee(String dstIp) {
    for (ServiceEdge edge : values()) {
      if (dstIp.startsWith(edge.callee.addressPrefix())) {
        return edge;
      }
    }
    return null;
  }
}

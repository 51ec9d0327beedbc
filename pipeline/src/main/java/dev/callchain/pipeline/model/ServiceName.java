package dev.callchain.pipeline.model;

/**
 * The name a call's callee goes by in traces and the service graph: the call's {@code service}
 * field when its log carries one (gateway logs often do), else its destination address.
 */
public final class ServiceName {
  public static final String FIELD = "service";

  private ServiceName() {}

  public static String of(CallRecord call) {
    String named = ExtraFields.string(call.extraFields(), FIELD);
    return named == null || named.isEmpty() ? call.dstIp() : named;
  }
}

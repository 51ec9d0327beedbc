package dev.callchain.simulator.model;

/**
 * The log record one completed call writes: the caller's address as {@code srcIp}, the
 * callee's as {@code dstIp}, epoch-millisecond start and end, and the duration. Records of a
 * topology also carry epoch microseconds ({@code startAtUs}, {@code endAtUs}); the default
 * model's do not (null), so its output stays as the prototype's.
 */
public record CallRecord(String id, String srcIp, String dstIp, long startAtMs, double latencyMsec, long endAtMs,
                         Long startAtUs, Long endAtUs) {

    /** A record in milliseconds only. */
    public CallRecord(String id, String srcIp, String dstIp, long startAtMs, double latencyMsec, long endAtMs) {
        this(id, srcIp, dstIp, startAtMs, latencyMsec, endAtMs, null, null);
    }

    /** A record in microseconds; its milliseconds are their floor, so both always agree (SPEC section 1). */
    public static CallRecord inMicros(String id, String srcIp, String dstIp, long startAtUs, long endAtUs) {
        return new CallRecord(id, srcIp, dstIp, Math.floorDiv(startAtUs, 1000), (endAtUs - startAtUs) / 1000.0,
                Math.floorDiv(endAtUs, 1000), startAtUs, endAtUs);
    }

    public boolean hasMicros() {
        return startAtUs != null;
    }
}

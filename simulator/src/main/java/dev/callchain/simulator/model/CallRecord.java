package dev.callchain.simulator.model;

/**
 * The log record one completed call writes: the caller's address as {@code srcIp}, the
 * callee's as {@code dstIp}, epoch-millisecond start and end (simulated time truncated),
 * and the exact simulated duration.
 */
public record CallRecord(String id, String srcIp, String dstIp, long startAtMs, double latencyMsec, long endAtMs) {
}

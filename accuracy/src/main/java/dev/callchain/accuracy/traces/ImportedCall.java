package dev.callchain.accuracy.traces;

/**
 * One RPC as a call log record (SPEC §1), with its ground truth (SPEC §6): {@code parentId} is
 * the call that made it, null for a request entering the system.
 */
record ImportedCall(String id, String caller, String callee, long startUs, long endUs, String parentId,
    String traceId) {}

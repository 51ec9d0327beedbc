package dev.callchain.accuracy.traces;

/**
 * One RPC as a call log record (SPEC §1), with its ground truth (SPEC §6): {@code parentId} is
 * the call that made it, null for a request entering the system.
 */
record ImportedCall(String id, CallEnd caller, CallEnd callee, long startUs, long endUs, String parentId,
    String traceId) {

  /** The same call moved in time by {@code us}, its duration kept. */
  ImportedCall shifted(long us) {
    return new ImportedCall(id, caller, callee, startUs + us, endUs + us, parentId, traceId);
  }
}

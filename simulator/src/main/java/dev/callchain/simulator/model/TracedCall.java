package dev.callchain.simulator.model;

/** A logged call as the ground truth sees it: its record's id and the id of the call that made it. */
public interface TracedCall {
    /** The record's id; null until the call has completed. */
    String id();

    /** The id of the call that made this one; null for the trace's first call (the client is not logged). */
    String parentId();
}

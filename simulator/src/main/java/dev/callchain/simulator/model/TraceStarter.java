package dev.callchain.simulator.model;

/** Where the client's requests go: the default model, or a topology read from a file. */
public interface TraceStarter {
    /** The client's address, drawn once per run. */
    String pickClientAddress();

    /** Sends one request from {@code clientAddress}; its calls then run as processes. */
    void startTrace(String traceId, String clientAddress);
}

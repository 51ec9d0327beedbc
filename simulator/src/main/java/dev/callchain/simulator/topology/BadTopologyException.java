package dev.callchain.simulator.topology;

/** A topology file cannot be used; the message names the field at fault and why, in words for the user. */
public final class BadTopologyException extends Exception {
    public BadTopologyException(String message) {
        super(message);
    }
}

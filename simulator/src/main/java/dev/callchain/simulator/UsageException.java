package dev.callchain.simulator;

/** The command line is wrong; the message says how, in words for the user. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}

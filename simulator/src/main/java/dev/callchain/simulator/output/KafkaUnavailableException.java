package dev.callchain.simulator.output;

import java.io.IOException;

/** Kafka cannot be used: the run must stop rather than go on without it. */
public final class KafkaUnavailableException extends IOException {
    KafkaUnavailableException(String bootstrapServers, Throwable cause) {
        super("cannot reach Kafka at " + bootstrapServers + ": " + describe(cause)
                + "; start a broker or use --debug/--out", cause);
    }

    /** The error's own words, and the root cause's when it says more (e.g. a DNS failure). */
    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = wordsOf(cause);
        return root == cause ? message : message + " (" + wordsOf(root) + ")";
    }

    private static String wordsOf(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}

package dev.callchain.simulator.model;

import java.util.concurrent.ThreadLocalRandom;

/** How call ids and trace ids are spelled: a prefix and a counter from 1. */
public record IdScheme(String callPrefix, String tracePrefix) {
    private static final int RUN_ID_LENGTH = 6;

    /** Ids unique across runs: {@code msg_<run>_<n>} and {@code trace_<run>_<n>}. */
    public static IdScheme unique() {
        String run = newRunId();
        return new IdScheme("msg_" + run + "_", "trace_" + run + "_");
    }

    /** The prototype's plain ids with {@code prefix} "msg_": {@code msg_<n>} and {@code trace_<n>}. */
    public static IdScheme withPrefix(String prefix) {
        return new IdScheme(prefix, "trace_");
    }

    public String callId(long number) {
        return callPrefix + number;
    }

    public String traceId(long number) {
        return tracePrefix + number;
    }

    private static String newRunId() {
        long bound = (long) Math.pow(36, RUN_ID_LENGTH);
        String digits = Long.toString(ThreadLocalRandom.current().nextLong(bound), 36);
        return "0".repeat(RUN_ID_LENGTH - digits.length()) + digits;
    }
}

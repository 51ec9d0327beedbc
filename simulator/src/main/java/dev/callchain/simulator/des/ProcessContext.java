package dev.callchain.simulator.des;

/** What a running process body sees of itself. */
public interface ProcessContext {
    Environment env();

    /** The value of the event the process was waiting on (null at the start). */
    Object received();

    /** Ends the process with a value: {@code return ctx.exit(value);}. Returns null. */
    Event exit(Object value);
}

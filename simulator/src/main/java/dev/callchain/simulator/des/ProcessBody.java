package dev.callchain.simulator.des;

/**
 * The code of a process, written as a step function (the Java stand-in for a SimPy
 * generator): the kernel calls {@link #resume} when the process starts and again each time
 * the event it returned has fired. Returning null (or {@code ctx.exit(value)}) ends the
 * process; an exception thrown out of it fails the process.
 */
@FunctionalInterface
public interface ProcessBody {
    /** Does the next step; returns the event to wait for, or null when finished. */
    Event resume(ProcessContext ctx);

    /**
     * Called instead of {@link #resume} when the awaited event failed, like a generator's
     * {@code throw()}. Rethrowing (the default) fails this process with the same error.
     */
    default Event onFailure(ProcessContext ctx, RuntimeException failure) {
        throw failure;
    }
}

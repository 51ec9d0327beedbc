package dev.callchain.simulator;

import java.io.PrintStream;
import java.util.function.LongConsumer;

/** The prototype's progress line, every so many requests. */
final class ProgressReporter implements LongConsumer {
    private final PrintStream out;
    private final long every;

    ProgressReporter(PrintStream out, long every) {
        this.out = out;
        this.every = every;
    }

    @Override
    public void accept(long requests) {
        if (every > 0 && requests % every == 0) {
            out.println("Generated " + requests + " requests so far...");
        }
    }
}

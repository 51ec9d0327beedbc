package dev.callchain.simulator.output;

import dev.callchain.simulator.model.CallRecord;
import dev.callchain.simulator.model.MessagePrinter;
import java.io.PrintStream;
import java.util.Locale;

/** Prints each generated record and its delay, in the prototype's words. */
public final class ConsolePrinter implements MessagePrinter {
    private final PrintStream out;
    private final RecordJson json = new RecordJson();

    public ConsolePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void print(CallRecord record, double delayMs) {
        out.println(String.format(Locale.ROOT, "Message: %s (will be sent after %.2fms delay)",
                json.toJson(record), delayMs));
    }
}

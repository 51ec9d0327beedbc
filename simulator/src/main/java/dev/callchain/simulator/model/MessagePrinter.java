package dev.callchain.simulator.model;

/** Shows a record as it is generated (the prototype's {@code --print-msg}). */
@FunctionalInterface
public interface MessagePrinter {
    MessagePrinter SILENT = (record, delayMs) -> {
    };

    void print(CallRecord record, double delayMs);
}

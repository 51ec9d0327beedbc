package dev.callchain.simulator.model;

/**
 * Turns completed calls into log records: numbers them in completion order (as the
 * prototype did), converts simulated time to epoch milliseconds, and sends each record
 * off with a random delivery delay.
 */
public final class CallLog {
    private final IdScheme ids;
    private final long baseTimeMs;
    private final DeliveryDelay delay;
    private final Courier courier;
    private final MessagePrinter printer;
    private long written;

    public CallLog(IdScheme ids, long baseTimeMs, DeliveryDelay delay, Courier courier, MessagePrinter printer) {
        this.ids = ids;
        this.baseTimeMs = baseTimeMs;
        this.delay = delay;
        this.courier = courier;
        this.printer = printer;
    }

    /** Writes the record of a call that ran from {@code start} to {@code end}; returns its id. */
    String write(ServiceCall call, double start, double end) {
        String id = ids.callId(++written);
        CallRecord record = new CallRecord(id, call.callerAddress(), call.address(),
                baseTimeMs + (long) start, end - start, baseTimeMs + (long) end);
        double delayMs = delay.sample();
        printer.print(record, delayMs);
        courier.dispatch(record, delayMs);
        return id;
    }

    public long written() {
        return written;
    }
}

package dev.callchain.simulator.model;

/**
 * Turns completed calls into log records: numbers them in completion order (as the
 * prototype did), converts simulated time to epoch milliseconds (or microseconds), and sends each record
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

    /** Writes the record of a call that ran from {@code start} to {@code end}, in milliseconds; returns its id. */
    public String write(String callerAddress, String address, double start, double end) {
        String id = ids.callId(++written);
        send(new CallRecord(id, callerAddress, address, baseTimeMs + (long) start, end - start,
                baseTimeMs + (long) end));
        return id;
    }

    /** Writes the record of a call in microseconds (rounded to the nearest); returns its id. */
    public String writeMicros(String callerAddress, String address, double start, double end) {
        String id = ids.callId(++written);
        send(CallRecord.inMicros(id, callerAddress, address, epochMicros(start), epochMicros(end)));
        return id;
    }

    private long epochMicros(double simulatedMs) {
        return baseTimeMs * 1000 + Math.round(simulatedMs * 1000);
    }

    private void send(CallRecord record) {
        double delayMs = delay.sample();
        printer.print(record, delayMs);
        courier.dispatch(record, delayMs);
    }

    public long written() {
        return written;
    }
}

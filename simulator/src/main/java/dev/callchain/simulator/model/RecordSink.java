package dev.callchain.simulator.model;

/** Where records go when their delivery delay has passed. Used from one thread. */
public interface RecordSink extends AutoCloseable {
    void deliver(CallRecord record);

    /** Records the destination accepted; final once closed. */
    long sent();

    /** Records the destination refused; final once closed. */
    long errors();

    /** Flushes everything pending, then releases the destination. */
    @Override
    void close();

    /** A sink that drops everything (a debug run without output). */
    static RecordSink discarding() {
        return new RecordSink() {
            @Override
            public void deliver(CallRecord record) {
            }

            @Override
            public long sent() {
                return 0;
            }

            @Override
            public long errors() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }
}

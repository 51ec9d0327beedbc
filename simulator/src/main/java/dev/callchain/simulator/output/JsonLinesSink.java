package dev.callchain.simulator.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.callchain.simulator.model.CallRecord;
import dev.callchain.simulator.model.RecordSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes records as JSON Lines to a file or stdout ({@code --out}). */
public final class JsonLinesSink implements RecordSink {
    private final JsonGenerator out;
    private long sent;

    private JsonLinesSink(JsonGenerator out) {
        this.out = out;
    }

    /** Opens {@code target}, a file path or "-" for {@code stdout}. */
    public static JsonLinesSink open(String target, OutputStream stdout) throws IOException {
        return new JsonLinesSink(JsonLines.open(target, stdout));
    }

    @Override
    public void deliver(CallRecord record) {
        try {
            RecordJson.write(record, out);
            out.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a record", e);
        }
        sent++;
    }

    @Override
    public long sent() {
        return sent;
    }

    @Override
    public long errors() {
        return 0;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish writing records", e);
        }
    }
}

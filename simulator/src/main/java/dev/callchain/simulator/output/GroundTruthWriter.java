package dev.callchain.simulator.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.callchain.simulator.model.TraceListener;
import dev.callchain.simulator.model.TracedCall;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the ground truth ({@code --truth}): per record, the call that really made it.
 * One JSON line {@code {"id", "parent_id", "trace_id"}} per record, written when its trace
 * completes, since only then are all the trace's ids known.
 */
public final class GroundTruthWriter implements TraceListener, AutoCloseable {
    private final JsonGenerator out;

    private GroundTruthWriter(JsonGenerator out) {
        this.out = out;
    }

    /** Opens {@code target}, a file path or "-" for {@code stdout}. */
    public static GroundTruthWriter open(String target, OutputStream stdout) throws IOException {
        return new GroundTruthWriter(JsonLines.open(target, stdout));
    }

    @Override
    public void traceCompleted(String traceId, List<? extends TracedCall> calls) {
        try {
            for (TracedCall call : calls) {
                out.writeStartObject();
                out.writeStringField("id", call.id());
                out.writeStringField("parent_id", call.parentId());
                out.writeStringField("trace_id", traceId);
                out.writeEndObject();
                out.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish writing ground truth", e);
        }
    }
}

package dev.callchain.simulator.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.callchain.simulator.model.CallRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of a call record (the one place that owns it): fields {@code id, src_ip,
 * dst_ip, start_at_ms, latency_msec, end_at_ms} in this order, then {@code start_at_us, end_at_us}
 * when the record has them; times as integers; the
 * latency as an integer when it is whole, else as the exact decimal.
 */
public final class RecordJson {
    // Beyond 2^53 a double no longer holds every integer, so it is written as a double.
    private static final double LARGEST_EXACT_INTEGER = 9.007199254740992E15;

    // Pre-encoded names spare the generator escaping them again for every record.
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString SRC_IP = new SerializedString("src_ip");
    private static final SerializableString DST_IP = new SerializedString("dst_ip");
    private static final SerializableString START_AT_MS = new SerializedString("start_at_ms");
    private static final SerializableString LATENCY_MSEC = new SerializedString("latency_msec");
    private static final SerializableString END_AT_MS = new SerializedString("end_at_ms");
    private static final SerializableString START_AT_US = new SerializedString("start_at_us");
    private static final SerializableString END_AT_US = new SerializedString("end_at_us");

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);
    private final JsonGenerator generator;

    public RecordJson() {
        try {
            generator = JsonLines.inMemory(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the record as one JSON object. */
    public static void write(CallRecord record, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeFieldName(ID);
        out.writeString(record.id());
        out.writeFieldName(SRC_IP);
        out.writeString(record.srcIp());
        out.writeFieldName(DST_IP);
        out.writeString(record.dstIp());
        out.writeFieldName(START_AT_MS);
        out.writeNumber(record.startAtMs());
        out.writeFieldName(LATENCY_MSEC);
        writeNumber(record.latencyMsec(), out);
        out.writeFieldName(END_AT_MS);
        out.writeNumber(record.endAtMs());
        if (record.hasMicros()) {
            out.writeFieldName(START_AT_US);
            out.writeNumber(record.startAtUs());
            out.writeFieldName(END_AT_US);
            out.writeNumber(record.endAtUs());
        }
        out.writeEndObject();
    }

    /** The record as UTF-8 JSON bytes (a fresh array each time). */
    public byte[] toBytes(CallRecord record) {
        try {
            write(record, generator);
            generator.flush();
            byte[] bytes = buffer.toByteArray();
            buffer.reset();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    public String toJson(CallRecord record) {
        return new String(toBytes(record), StandardCharsets.UTF_8);
    }

    private static void writeNumber(double value, JsonGenerator out) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_INTEGER) {
            out.writeNumber((long) value);
        } else {
            out.writeNumber(value);
        }
    }
}

package dev.callchain.simulator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.callchain.simulator.model.CallRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    private final RecordJson json = new RecordJson();

    @Test
    void writesTheFieldsInOrderWithAWholeLatencyAsAnInteger() {
        CallRecord record = new CallRecord("msg_7", "10.1.0.2", "10.3.0.4", 1_700_000_000_020L, 40.0,
                1_700_000_000_060L);
        assertEquals("{\"id\":\"msg_7\",\"src_ip\":\"10.1.0.2\",\"dst_ip\":\"10.3.0.4\",\"start_at_ms\":1700000000020,"
                + "\"latency_msec\":40,\"end_at_ms\":1700000000060}", json.toJson(record));
    }

    @Test
    void keepsAFractionalLatencyExact() {
        CallRecord record = new CallRecord("x", "a", "b", 0, 30.000000000000004, 30);
        assertEquals("{\"id\":\"x\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":0,"
                + "\"latency_msec\":30.000000000000004,\"end_at_ms\":30}", json.toJson(record));
    }

    @Test
    void aRecordInMicrosecondsAddsThemAfterTheMillisecondsItsFloorGives() {
        // A clock 1.25 ms behind logs a call at 0 as -1250 us: in millisecond -2, not -1.
        CallRecord record = CallRecord.inMicros("x", "a", "b", -1250, 3810);
        assertEquals("{\"id\":\"x\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":-2,"
                + "\"latency_msec\":5.06,\"end_at_ms\":3,\"start_at_us\":-1250,\"end_at_us\":3810}",
                json.toJson(record));
    }

    @Test
    void escapesWhatJsonRequires() {
        CallRecord record = new CallRecord("a\"b\\c", "é", "d", 1, 1, 2);
        assertEquals("{\"id\":\"a\\\"b\\\\c\",\"src_ip\":\"é\",\"dst_ip\":\"d\",\"start_at_ms\":1,"
                + "\"latency_msec\":1,\"end_at_ms\":2}", new String(json.toBytes(record), StandardCharsets.UTF_8));
    }

    @Test
    void eachEncodingIsAFreshArray() {
        CallRecord record = new CallRecord("x", "a", "b", 0, 1, 1);
        assertNotSame(json.toBytes(record), json.toBytes(record));
    }
}

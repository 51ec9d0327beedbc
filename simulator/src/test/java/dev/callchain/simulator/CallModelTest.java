package dev.callchain.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call model against numbers derived by hand from the issue: Main works 20 ms, then
 * Sub1 (30 ms) and Sub2 (30 ms, then Sub3 10 ms) run in parallel, Main works 30 ms, maybe
 * calls Sub2 again (with Sub3), and works 40 ms. A call's record is written when it returns.
 * With one address per pool, base time 0 and no jitter, every field is predictable.
 */
class CallModelTest {
    private static final String[] NO_JITTER = {"--count", "40", "--interval", "1000", "--std-dev", "0",
        "--base-time-ms", "0", "--ip-pool-size", "1", "--id-prefix", "msg_", "--seed", "42"};

    @TempDir
    Path dir;

    private static String record(int id, String src, String dst, long start, long latency, long end) {
        return String.format("{\"id\":\"msg_%d\",\"src_ip\":\"%s\",\"dst_ip\":\"%s\",\"start_at_ms\":%d,"
                + "\"latency_msec\":%d,\"end_at_ms\":%d}", id, src, dst, start, latency, end);
    }

    private static String truth(int id, Integer parent, String trace) {
        return String.format("{\"id\":\"msg_%d\",\"parent_id\":%s,\"trace_id\":\"%s\"}", id,
                parent == null ? "null" : "\"msg_" + parent + "\"", trace);
    }

    /** The first trace of the given size: its number (from 1) and its first record's number. */
    private static int[] firstTraceOfSize(SimulationRun run, int size) {
        int firstId = 1;
        int number = 1;
        for (Entry<String, List<JsonNode>> trace : run.traces().entrySet()) {
            assertEquals("trace_" + number, trace.getKey(), "traces complete in order when they do not overlap");
            if (trace.getValue().size() == size) {
                return new int[] {number, firstId};
            }
            firstId += trace.getValue().size();
            number++;
        }
        throw new AssertionError("no trace of " + size + " records");
    }

    private static Map<String, String> linesById(Path file) throws IOException {
        Map<String, String> byId = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            byId.put(SimulationRun.readJson(line).get("id").asText(), line);
        }
        return byId;
    }

    private static List<String> linesOf(Map<String, String> byId, int firstId, int count) {
        List<String> lines = new ArrayList<>();
        for (int id = firstId; id < firstId + count; id++) {
            lines.add(byId.get("msg_" + id));
        }
        return lines;
    }

    @Test
    void aTraceWithoutTheRepeatHasFourRecords() throws IOException {
        SimulationRun run = SimulationRun.of(dir, NO_JITTER);
        int[] trace = firstTraceOfSize(run, 4);
        long t = (trace[0] - 1) * 1000L;
        int m = trace[1];
        assertEquals(List.of(
                record(m, "10.1.0.0", "10.2.0.0", t + 20, 30, t + 50),      // Sub1, called by Main
                record(m + 1, "10.3.0.0", "10.4.0.0", t + 50, 10, t + 60),  // Sub3, called by Sub2
                record(m + 2, "10.1.0.0", "10.3.0.0", t + 20, 40, t + 60),  // Sub2, called by Main
                record(m + 3, "10.0.0.0", "10.1.0.0", t, 130, t + 130)),    // Main, called by the client
                linesOf(linesById(run.out), m, 4));
        String traceId = "trace_" + trace[0];
        assertEquals(List.of(truth(m + 3, null, traceId), truth(m, m + 3, traceId), truth(m + 2, m + 3, traceId),
                truth(m + 1, m + 2, traceId)), truthLinesOf(run, traceId));
    }

    @Test
    void aTraceWithTheRepeatHasSixRecords() throws IOException {
        SimulationRun run = SimulationRun.of(dir, NO_JITTER);
        int[] trace = firstTraceOfSize(run, 6);
        long t = (trace[0] - 1) * 1000L;
        int m = trace[1];
        assertEquals(List.of(
                record(m, "10.1.0.0", "10.2.0.0", t + 20, 30, t + 50),       // Sub1
                record(m + 1, "10.3.0.0", "10.4.0.0", t + 50, 10, t + 60),   // Sub3
                record(m + 2, "10.1.0.0", "10.3.0.0", t + 20, 40, t + 60),   // Sub2
                record(m + 3, "10.3.0.0", "10.4.0.0", t + 120, 10, t + 130), // Sub3 of the repeat
                record(m + 4, "10.1.0.0", "10.3.0.0", t + 90, 40, t + 130),  // Sub2 again
                record(m + 5, "10.0.0.0", "10.1.0.0", t, 170, t + 170)),     // Main
                linesOf(linesById(run.out), m, 6));
        String traceId = "trace_" + trace[0];
        assertEquals(List.of(truth(m + 5, null, traceId), truth(m, m + 5, traceId), truth(m + 2, m + 5, traceId),
                truth(m + 1, m + 2, traceId), truth(m + 4, m + 5, traceId), truth(m + 3, m + 4, traceId)),
                truthLinesOf(run, traceId));
    }

    @Test
    void fractionalTimesAreTruncatedWhileTheLatencyStaysExact() throws IOException {
        SimulationRun run = SimulationRun.of(dir, "--count", "2", "--interval", "1000.75", "--base-time-ms",
                "5000", "--ip-pool-size", "1", "--id-prefix", "msg_");
        JsonNode secondMain = run.recordsById().values().stream()
                .filter(r -> r.get("src_ip").asText().equals("10.0.0.0") && r.get("start_at_ms").asLong() > 5000)
                .findFirst().orElseThrow();
        assertEquals(6000, secondMain.get("start_at_ms").asLong());  // 5000 + 1000.75, truncated
        long latency = secondMain.get("latency_msec").asLong();
        assertTrue(latency == 130 || latency == 170);
        assertEquals(5000 + (long) (1000.75 + latency), secondMain.get("end_at_ms").asLong());
        assertTrue(secondMain.get("latency_msec").isIntegralNumber(), "a whole latency has no fraction");
    }

    @Test
    void theRepeatHappensInFortyPercentOfTraces() throws IOException {
        int traces = 20_000;
        SimulationRun run = SimulationRun.of(dir, "--count", String.valueOf(traces), "--interval", "10",
                "--seed", "2024");
        long repeated = run.traces().values().stream().filter(calls -> calls.size() == 6).count();
        long plain = run.traces().values().stream().filter(calls -> calls.size() == 4).count();
        assertEquals(traces, repeated + plain, "every trace has 4 or 6 records");
        // The binomial standard deviation is 0.0035, so this allows more than 5 of them.
        double ratio = repeated / (double) traces;
        assertTrue(ratio > 0.38 && ratio < 0.42, "repeat ratio " + ratio);
        assertEquals(traces * 4 + repeated * 2, run.summary.records());
    }

    private static List<String> truthLinesOf(SimulationRun run, String traceId) {
        return run.traces().get(traceId).stream().map(JsonNode::toString).toList();
    }
}

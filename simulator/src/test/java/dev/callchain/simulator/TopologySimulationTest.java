package dev.callchain.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --topology model: call patterns, truth and clock offsets, from records read back. */
class TopologySimulationTest {
    private static final Path BOUTIQUE = Path.of("topologies/boutique-like.json");

    @TempDir
    Path dir;

    /**
     * Worked out by hand. front (10.1.0.0) works 2 ms, then calls back twice, 30 us apart; back
     * (10.2.0.0) works 1 ms, then calls leaf (10.3.0.0, 0.5 ms) twice in parallel. True times:
     * front 0-5.03, back 2-3.5 and 3.53-5.03, leaves 3-3.5 twice and 4.53-5.03 twice. The client's
     * clock is 1 ms ahead, front's 1.25 ms behind, back's right; each call is logged by its caller.
     */
    @Test
    void loggedTimesAreTheTrueTimesShiftedByTheCallersClock() throws IOException {
        Path topology = Files.writeString(dir.resolve("small.json"), """
                {"entry": "front",
                 "services": {
                   "front": {"instances": 1, "work_ms": {"fixed": 2},
                             "calls": {"mode": "sequential", "gap_us": 30, "to": [{"service": "back", "times": 2}]}},
                   "back": {"instances": 1, "work_ms": {"fixed": 1},
                            "calls": {"mode": "parallel", "to": [{"service": "leaf", "times": 2}]}},
                   "leaf": {"instances": 1, "work_ms": {"fixed": 0.5}}},
                 "clock_offset_ms": {"hosts": {"10.0.0.0": 1.0, "10.1.0.0": -1.25}}}
                """);
        SimulationRun run = SimulationRun.of(dir, "--count", "1", "--base-time-ms", "0", "--id-prefix", "msg_",
                "--topology", topology.toString());

        // Ids in completion order; the front call (shifted +1 ms) seems to start after its first back call.
        Map<String, String> expected = Map.of(
                "msg_1", record(1, "10.2.0.0", "10.3.0.0", 0.5, 3000, 3500),
                "msg_2", record(2, "10.2.0.0", "10.3.0.0", 0.5, 3000, 3500),
                "msg_3", record(3, "10.1.0.0", "10.2.0.0", 1.5, 750, 2250),
                "msg_4", record(4, "10.2.0.0", "10.3.0.0", 0.5, 4530, 5030),
                "msg_5", record(5, "10.2.0.0", "10.3.0.0", 0.5, 4530, 5030),
                "msg_6", record(6, "10.1.0.0", "10.2.0.0", 1.5, 2280, 3780),
                "msg_7", record(7, "10.0.0.0", "10.1.0.0", 5.03, 1000, 6030));
        Map<String, String> actual = new HashMap<>();
        run.recordsById().forEach((id, record) -> actual.put(id, record.toString()));
        assertEquals(expected, actual);

        Map<String, String> parents = new HashMap<>();
        run.truthLines.forEach(t -> parents.put(t.get("id").asText(), t.get("parent_id").asText(null)));
        Map<String, String> expectedParents = new HashMap<>(Map.of("msg_1", "msg_3", "msg_2", "msg_3",
                "msg_3", "msg_7", "msg_4", "msg_6", "msg_5", "msg_6", "msg_6", "msg_7"));
        expectedParents.put("msg_7", null);
        assertEquals(expectedParents, parents);
    }

    private static String record(int id, String src, String dst, double latency, long startUs, long endUs) {
        return String.format("{\"id\":\"msg_%d\",\"src_ip\":\"%s\",\"dst_ip\":\"%s\",\"start_at_ms\":%d,"
                + "\"latency_msec\":%s,\"end_at_ms\":%d,\"start_at_us\":%d,\"end_at_us\":%d}", id, src, dst,
                startUs / 1000, latency, endUs / 1000, startUs, endUs);
    }

    @Test
    void withoutClockOffsetsCallsFollowTheirPatternInsideTheirCaller() throws IOException {
        Path topology = Files.writeString(dir.resolve("no-offsets.json"),
                Files.readString(BOUTIQUE).replace("\"max\": 1.5", "\"max\": 0"));
        SimulationRun run = SimulationRun.of(dir, "--count", "300", "--interval", "5", "--std-dev", "4",
                "--topology", topology.toString());
        Map<String, JsonNode> records = run.recordsById();
        Map<String, List<JsonNode>> children = new HashMap<>();
        for (JsonNode truth : run.truthLines) {
            JsonNode child = records.get(truth.get("id").asText());
            assertEquals(Math.floorDiv(us(child, "start_at_us"), 1000), child.get("start_at_ms").asLong());
            assertEquals(Math.floorDiv(us(child, "end_at_us"), 1000), child.get("end_at_ms").asLong());
            if (truth.get("parent_id").isNull()) {
                assertEquals("10.0.0.0", child.get("src_ip").asText(), "the client calls the frontend");
                continue;
            }
            JsonNode parent = records.get(truth.get("parent_id").asText());
            assertEquals(parent.get("dst_ip").asText(), child.get("src_ip").asText(), "made by its parent");
            assertTrue(us(parent, "start_at_us") <= us(child, "start_at_us"), "parent starts first");
            assertTrue(us(parent, "end_at_us") >= us(child, "end_at_us"), "parent ends last");
            children.computeIfAbsent(parent.get("id").asText(), id -> new ArrayList<>()).add(child);
        }
        assertEquals(300 * 18, records.size(), "18 calls per trace, worked out from the file");
        int frontends = 0;
        int catalogs = 0;
        for (Map.Entry<String, List<JsonNode>> family : children.entrySet()) {
            List<JsonNode> calls = family.getValue();
            calls.sort(Comparator.comparingLong(call -> us(call, "start_at_us")));
            String service = records.get(family.getKey()).get("dst_ip").asText();
            if (service.startsWith("10.1.0.")) {
                frontends++;
                assertEquals(10, calls.size(), "frontend calls 10 times");
                for (int i = 1; i < calls.size(); i++) {
                    // Each time is rounded to the microsecond on its own, hence +-1.
                    long gap = us(calls.get(i), "start_at_us") - us(calls.get(i - 1), "end_at_us");
                    assertTrue(gap >= 29 && gap <= 31, "sequential calls 30 us apart: " + gap);
                }
            } else if (service.startsWith("10.3.0.")) {
                catalogs++;
                assertEquals(2, calls.size(), "catalog calls db twice");
                assertEquals(us(calls.get(0), "start_at_us"), us(calls.get(1), "start_at_us"), "parallel calls");
            }
        }
        assertEquals(300, frontends);
        assertEquals(600, catalogs, "from the frontend and from recommendation");
    }

    @Test
    void clockOffsetsMakeSomeChildrenSeemToStartBeforeOrEndAfterTheirParent() throws IOException {
        SimulationRun run = SimulationRun.of(dir, "--count", "200", "--topology", BOUTIQUE.toString());
        Map<String, JsonNode> records = run.recordsById();
        long outside = run.truthLines.stream().filter(truth -> !truth.get("parent_id").isNull()).filter(truth -> {
            JsonNode child = records.get(truth.get("id").asText());
            JsonNode parent = records.get(truth.get("parent_id").asText());
            return us(child, "start_at_us") < us(parent, "start_at_us")
                    || us(child, "end_at_us") > us(parent, "end_at_us");
        }).count();
        assertTrue(outside > 0, "offsets up to 1.5 ms move children out of their parents");
    }

    @Test
    void theSameSeedGivesTheSameRecords() throws IOException {
        String[] args = {"--count", "100", "--base-time-ms", "0", "--id-prefix", "msg_", "--topology",
            BOUTIQUE.toString()};
        SimulationRun first = SimulationRun.of(dir, args);
        SimulationRun second = SimulationRun.of(dir, args);
        assertArrayEquals(Files.readAllBytes(first.out), Files.readAllBytes(second.out));
        assertArrayEquals(Files.readAllBytes(first.truth), Files.readAllBytes(second.truth));
    }

    private static long us(JsonNode record, String field) {
        return record.get(field).asLong();
    }
}

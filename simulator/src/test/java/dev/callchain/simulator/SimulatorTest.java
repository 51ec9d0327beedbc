package dev.callchain.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        String[] args = {"--count", "2000", "--interval", "5", "--std-dev", "3", "--base-time-ms", "0",
            "--id-prefix", "msg_", "--seed", "7"};
        SimulationRun first = SimulationRun.of(dir, args);
        SimulationRun second = SimulationRun.of(dir, args);
        assertArrayEquals(Files.readAllBytes(first.out), Files.readAllBytes(second.out));
        assertArrayEquals(Files.readAllBytes(first.truth), Files.readAllBytes(second.truth));

        args[args.length - 1] = "8";
        SimulationRun other = SimulationRun.of(dir, args);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(first.out), Files.readAllBytes(other.out)));
    }

    @Test
    void groundTruthAgreesWithTheLinkingRule() throws IOException {
        // Overlapping traces, jitter and small pools: many records could link, only the truth did call.
        SimulationRun run = SimulationRun.of(dir, "--count", "3000", "--interval", "3", "--std-dev", "2",
                "--ip-pool-size", "3", "--seed", "11");
        Map<String, JsonNode> records = run.recordsById();
        assertEquals(run.summary.records(), records.size(), "ids are unique");
        assertEquals(records.keySet(), new HashSet<>(run.truthLines.stream().map(t -> t.get("id").asText()).toList()));
        for (JsonNode truth : run.truthLines) {
            JsonNode child = records.get(truth.get("id").asText());
            if (truth.get("parent_id").isNull()) {
                assertTrue(child.get("src_ip").asText().startsWith("10.0.0."), "only Main has no parent: " + child);
                assertTrue(child.get("dst_ip").asText().startsWith("10.1.0."), "only Main has no parent: " + child);
                continue;
            }
            JsonNode parent = records.get(truth.get("parent_id").asText());
            assertEquals(parent.get("dst_ip").asText(), child.get("src_ip").asText(), "caller address");
            assertTrue(parent.get("start_at_ms").asLong() <= child.get("start_at_ms").asLong(), "parent starts first");
            assertTrue(parent.get("end_at_ms").asLong() >= child.get("end_at_ms").asLong(), "parent ends last");
        }
        for (List<JsonNode> trace : run.traces().values()) {
            assertTrue(trace.size() == 4 || trace.size() == 6, "trace size " + trace.size());
            assertEquals(1, trace.stream().filter(t -> t.get("parent_id").isNull()).count(), "one root per trace");
        }
        assertEquals(3000, run.traces().size());
    }

    @Test
    void everyRecordIsDeliveredAndCounted() throws IOException {
        SimulationRun run = SimulationRun.of(dir, "--count", "500", "--interval", "1");
        assertEquals(500, run.summary.traces());
        assertEquals(run.summary.records(), run.summary.recordsSent());
        assertEquals(run.summary.records(), run.records.size());
        assertEquals(0, run.summary.sendErrors());
        assertNull(run.summary.lag(), "no pacing in fast mode");
    }

    @Test
    void defaultIdsAreUniqueAcrossRuns() throws IOException {
        SimulationRun first = SimulationRun.of(dir, "--count", "3");
        SimulationRun second = SimulationRun.of(dir, "--count", "3");
        Set<String> ids = new HashSet<>(first.recordsById().keySet());
        ids.retainAll(second.recordsById().keySet());
        assertTrue(ids.isEmpty(), "shared ids " + ids);
        String id = first.records.get(0).get("id").asText();
        assertTrue(id.matches("msg_[0-9a-z]{6}_\\d+"), id);
        assertTrue(first.truthLines.get(0).get("trace_id").asText().matches("trace_[0-9a-z]{6}_\\d+"));
    }

    @Test
    void realtimeRunsAtWallClockSpeedWithEpochTimesAndDoesNotWaitForDelayedRecords() throws IOException {
        long before = System.currentTimeMillis();
        SimulationRun run = SimulationRun.of(dir, "--realtime", "--count", "3", "--interval", "20");
        long elapsedMs = run.summary.elapsed().toMillis();
        // The last trace starts at 40 ms and may take 170 ms; delays average 2 s and were not waited for.
        assertTrue(elapsedMs >= 170 && elapsedMs < 1500, "elapsed " + elapsedMs + " ms");
        assertNotNull(run.summary.lag());
        assertTrue(run.summary.lag().events() > 0);
        assertEquals(run.summary.records(), run.summary.recordsSent());
        long firstStart = run.records.stream().mapToLong(r -> r.get("start_at_ms").asLong()).min().orElseThrow();
        assertTrue(Math.abs(firstStart - before) < 5000, "times are epoch ms near now: " + firstStart);
    }

    @Test
    void stoppingAStreamFinishesTracesInFlightAndDeliversEverything() throws Exception {
        for (String mode : List.of("--debug", "--realtime")) {
            Path out = Files.createTempFile(dir, "stream", ".jsonl");
            Path truth = Files.createTempFile(dir, "truth", ".jsonl");
            Simulator simulator = SimulationRun.simulator("--stream", mode, "--interval", "2", "--out", out.toString(),
                    "--truth", truth.toString(), "--progress-every", "0");
            CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return simulator.run();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            simulator.stop();
            RunSummary summary = running.get(10, TimeUnit.SECONDS);
            assertTrue(summary.traces() > 0, mode);
            assertEquals(summary.records(), summary.recordsSent(), mode);
            assertEquals(summary.records(), Files.readAllLines(out).size(), mode);
            assertEquals(summary.records(), Files.readAllLines(truth).size(), "no trace is left half done: " + mode);
        }
    }
}

package dev.callchain.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulatorMain.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadFlagExitsWithTwoAndShowsUsage() {
        assertEquals(2, run("--count", "3", "--frobnicate"));
        assertTrue(err().startsWith("error: unknown option: --frobnicate"), err());
        assertTrue(err().contains("Usage: java -jar callchain-simulator.jar"), err());
        assertEquals("", out());
    }

    @Test
    void helpGoesToStdoutAndExitsWithZero() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("Usage:"));
    }

    @Test
    void aDebugRunPrintsItsMessagesAndASummary() {
        assertEquals(0, run("--count", "5", "--interval", "50", "--print-msg", "--debug"));
        long messages = out().lines().filter(line -> line.startsWith("Message: {\"id\":\"msg_")).count();
        assertTrue(messages >= 20 && messages <= 30, out());
        assertTrue(out().contains("(will be sent after "), out());
        assertTrue(err().contains("Starting simulation with: count=5"), err());
        assertTrue(err().contains("traces:       5"), err());
        assertTrue(err().contains("records sent: 0"), err());
    }

    @Test
    void outDashWritesOnlyRecordsToStdout() {
        assertEquals(0, run("--count", "2", "--out", "-", "--progress-every", "0"));
        List<String> lines = out().lines().toList();
        assertTrue(lines.size() >= 8 && lines.size() <= 12, out());
        lines.forEach(line -> assertTrue(line.startsWith("{\"id\":\"msg_") && line.endsWith("}"), line));
        assertTrue(err().contains("records sent: " + lines.size()), err());
    }

    @Test
    void anUnreachableBrokerIsAClearErrorNotASilentRun() {
        int status = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> run("--count", "3", "--bootstrap", "127.0.0.1:1", "--topic", "nowhere"));
        assertEquals(1, status);
        assertTrue(err().contains("error: cannot reach Kafka at 127.0.0.1:1"), err());
        assertTrue(err().contains("start a broker or use --debug/--out"), err());
        assertTrue(!err().contains("Simulation summary"), "nothing was simulated");
    }
}

package dev.callchain.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad topology file is refused with a message that names the file and the field at fault. */
class TopologyFileTest {
    private static final String LEAF = "\"instances\": 1, \"work_ms\": {\"fixed\": 1}";

    @TempDir
    Path dir;

    private String problemWith(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("topology.json"), json);
        UsageException e = assertThrows(UsageException.class,
                () -> SimulatorOptions.parse(new String[] {"--topology", file.toString()}, Map.of()));
        assertTrue(e.getMessage().startsWith("--topology " + file + ": "), e.getMessage());
        return e.getMessage().substring(("--topology " + file + ": ").length());
    }

    @Test
    void namesTheFieldAtFault() throws IOException {
        assertEquals("services.a.calls.to[0].service: no service named 'b'", problemWith(
                "{\"entry\": \"a\", \"services\": {\"a\": {" + LEAF
                        + ", \"calls\": {\"mode\": \"sequential\", \"to\": [{\"service\": \"b\"}]}}}}"));
        assertEquals("services.a.calls.mode: expected sequential or parallel, got 'serial'", problemWith(
                "{\"entry\": \"a\", \"services\": {\"a\": {" + LEAF
                        + ", \"calls\": {\"mode\": \"serial\", \"to\": [{\"service\": \"a\"}]}}}}"));
        assertEquals("services.a.work_ms: expected a JSON object", problemWith(
                "{\"entry\": \"a\", \"services\": {\"a\": {\"instances\": 1}}}"));
        assertEquals("services.a.work_ms.lognormal.median: expected a number > 0", problemWith(
                "{\"entry\": \"a\", \"services\": {\"a\": {\"instances\": 1,"
                        + " \"work_ms\": {\"lognormal\": {\"median\": 0, \"sigma\": 1}}}}}"));
        assertEquals("services.a.instances: expected a whole number from 1 to 256, got 0", problemWith(
                "{\"entry\": \"a\", \"services\": {\"a\": {\"instances\": 0, \"work_ms\": {\"fixed\": 1}}}}"));
        assertEquals("services.a: unknown field 'instance' (expected instances, work_ms, calls)", problemWith(
                "{\"entry\": \"a\", \"services\": {\"a\": {\"instance\": 1}}}"));
        assertEquals("entry: no service named 'main'", problemWith(
                "{\"entry\": \"main\", \"services\": {\"a\": {" + LEAF + "}}}"));
        assertEquals("clock_offset_ms.hosts.10.2.0.0: no such host in this topology", problemWith(
                "{\"entry\": \"a\", \"services\": {\"a\": {" + LEAF + "}},"
                        + " \"clock_offset_ms\": {\"hosts\": {\"10.2.0.0\": 1}}}"));
    }

    @Test
    void refusesCallsThatNeverReturn() throws IOException {
        String calls = ", \"calls\": {\"mode\": \"parallel\", \"to\": [{\"service\": \"%s\"}]}";
        assertEquals("services: calls form a cycle: a -> b -> a", problemWith(
                "{\"entry\": \"a\", \"services\": {\"a\": {" + LEAF + String.format(calls, "b") + "}, \"b\": {"
                        + LEAF + String.format(calls, "a") + "}}}"));
    }

    @Test
    void refusesWhatIsNotJson() throws IOException {
        assertTrue(problemWith("{\"entry\": ").startsWith("not valid JSON: "));
        assertEquals("services.a: expected a JSON object", problemWith("{\"entry\": \"a\", \"services\": {\"a\": 1}}"));
    }

    @Test
    void aMissingFileIsNamed() {
        UsageException e = assertThrows(UsageException.class, () -> SimulatorOptions.parse(
                new String[] {"--topology", dir.resolve("absent.json").toString()}, Map.of()));
        assertTrue(e.getMessage().startsWith("--topology " + dir.resolve("absent.json") + ": cannot read it: "),
                e.getMessage());
    }

    @Test
    void aBadFileExitsWithStatus2AndSaysWhy() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"entry\": \"a\", \"services\": {}}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        int status = SimulatorMain.run(new String[] {"--count", "1", "--debug", "--topology", file.toString()},
                Map.of(), quiet, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("error: --topology " + file + ": services: expected 1 to 254 services, got 0\n"),
                message);
    }
}

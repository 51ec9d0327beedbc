package dev.callchain.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs the simulator in-process with --out and --truth files and reads both back. */
final class SimulationRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    final RunSummary summary;
    final Path out;
    final Path truth;
    /** Records in delivery order. */
    final List<JsonNode> records;
    /** Truth lines in the order written. */
    final List<JsonNode> truthLines;

    private SimulationRun(RunSummary summary, Path out, Path truth) throws IOException {
        this.summary = summary;
        this.out = out;
        this.truth = truth;
        this.records = readLines(out);
        this.truthLines = readLines(truth);
    }

    /** Runs with {@code args} plus --out and --truth files in {@code dir}; no Kafka. */
    static SimulationRun of(Path dir, String... args) throws IOException {
        Path out = Files.createTempFile(dir, "records", ".jsonl");
        Path truth = Files.createTempFile(dir, "truth", ".jsonl");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString(), "--truth", truth.toString(), "--progress-every", "0"));
        return new SimulationRun(simulator(all.toArray(String[]::new)).run(), out, truth);
    }

    static Simulator simulator(String... args) {
        try {
            return new Simulator(SimulatorOptions.parse(args, Map.of()), quiet(), quiet());
        } catch (UsageException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static PrintStream quiet() {
        return new PrintStream(PrintStream.nullOutputStream());
    }

    static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                nodes.add(readJson(line));
            }
        }
        return nodes;
    }

    static JsonNode readJson(String line) throws IOException {
        return JSON.readTree(line);
    }

    Map<String, JsonNode> recordsById() {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        records.forEach(record -> byId.put(record.get("id").asText(), record));
        return byId;
    }

    /** Truth lines grouped by trace, traces in completion order. */
    Map<String, List<JsonNode>> traces() {
        Map<String, List<JsonNode>> traces = new LinkedHashMap<>();
        for (JsonNode line : truthLines) {
            traces.computeIfAbsent(line.get("trace_id").asText(), trace -> new ArrayList<>()).add(line);
        }
        return traces;
    }
}

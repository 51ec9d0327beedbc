package dev.callchain.accuracy.traces;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code import} on test resources in a temporary directory and reads back what it wrote. */
record ImportRun(String callLog, List<Map<String, Object>> calls, List<Map<String, Object>> truth, String stdout,
    String stderr) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static ImportRun of(Path dir, String... argsAndResources) throws IOException {
    Files.createDirectories(dir);
    List<String> args = new ArrayList<>();
    for (String arg : argsAndResources) {
      args.add(arg.startsWith("traces/") ? copy(dir, arg).toString() : arg);
    }
    Path calls = dir.resolve("calls.jsonl");
    Path truth = dir.resolve("truth.jsonl");
    args.addAll(List.of("--calls", calls.toString(), "--truth", truth.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ImportCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String log = Files.readString(calls);
    return new ImportRun(log, lines(log), lines(Files.readString(truth)), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  static Path copy(Path dir, String resource) throws IOException {
    Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    try (InputStream in = ImportRun.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, file);
    }
    return file;
  }

  /** The id the rule gives: SHA-256 over "salt\ntrace\nspan", 16 hex digits (worked out here, not by the code). */
  static String id(String salt, String... parts) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((salt + "\n" + String.join("\n", parts)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static Map<String, Object> call(String id, String src, String dst, long startMs, long endMs, long startUs,
      long endUs) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("id", id);
    call.put("src_ip", src);
    call.put("dst_ip", dst);
    call.put("start_at_ms", startMs);
    call.put("end_at_ms", endMs);
    call.put("start_at_us", startUs);
    call.put("end_at_us", endUs);
    return call;
  }

  static Map<String, Object> truth(String id, String parentId, String traceId, String callerService,
      String calleeService) {
    Map<String, Object> truth = new LinkedHashMap<>();
    truth.put("id", id);
    truth.put("parent_id", parentId);
    truth.put("trace_id", traceId);
    truth.put("caller_service", callerService);
    truth.put("callee_service", calleeService);
    return truth;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> lines(String text) throws IOException {
    List<Map<String, Object>> records = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        Map<String, Object> record = MAPPER.readValue(line, LinkedHashMap.class);
        record.replaceAll((key, value) -> value instanceof Integer number ? number.longValue() : value);
        records.add(record);
      }
    }
    return records;
  }
}

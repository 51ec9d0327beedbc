package dev.callchain.accuracy.traces;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes imported calls as the call log (SPEC §1: only the record's own fields, so no trace id
 * or service name reaches the linker) and as the ground truth (SPEC §6, plus the services of
 * both sides of each call), line for line in the same order, the order of start times.
 */
final class CallLogFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long MICROS_PER_MILLI = 1000;

  private CallLogFiles() {}

  static void write(List<ImportedCall> calls, Path callLog, Path truth) throws IOException {
    // The simulator writes calls in start order, and so do real logs, near enough.
    List<ImportedCall> inStartOrder = new ArrayList<>(calls);
    inStartOrder.sort(Comparator.comparingLong(ImportedCall::startUs).thenComparing(ImportedCall::id));
    createParent(callLog);
    createParent(truth);
    try (BufferedWriter log = Files.newBufferedWriter(callLog, StandardCharsets.UTF_8);
        BufferedWriter parents = Files.newBufferedWriter(truth, StandardCharsets.UTF_8)) {
      for (ImportedCall call : inStartOrder) {
        log.write(MAPPER.writeValueAsString(record(call)));
        log.newLine();
        parents.write(MAPPER.writeValueAsString(truth(call)));
        parents.newLine();
      }
    }
  }

  /** Milliseconds are the microseconds floored, so the two always agree (SPEC §1). */
  private static Map<String, Object> record(ImportedCall call) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", call.id());
    record.put("src_ip", call.caller().address());
    record.put("dst_ip", call.callee().address());
    record.put("start_at_ms", Math.floorDiv(call.startUs(), MICROS_PER_MILLI));
    record.put("end_at_ms", Math.floorDiv(call.endUs(), MICROS_PER_MILLI));
    record.put("start_at_us", call.startUs());
    record.put("end_at_us", call.endUs());
    return record;
  }

  private static Map<String, Object> truth(ImportedCall call) {
    Map<String, Object> truth = new LinkedHashMap<>();
    truth.put("id", call.id());
    truth.put("parent_id", call.parentId());
    truth.put("trace_id", call.traceId());
    truth.put("caller_service", call.caller().service());
    truth.put("callee_service", call.callee().service());
    return truth;
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}

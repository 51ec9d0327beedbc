package dev.callchain.accuracy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipeline's output, one record per id: a later record for the same id replaces the
 * earlier one (an upsert, as a compacted Kafka topic keyed by id would), except that a lower
 * {@code revision} never replaces a higher one.
 */
public final class LinkedOutput {
  private final Map<String, LinkedRecord> byId = new LinkedHashMap<>();
  private long duplicates;

  /** Reads a JSON Lines file of the pipeline's output; blank lines are skipped. */
  public static LinkedOutput read(Path file) throws IOException {
    LinkedOutput output = new LinkedOutput();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          output.add(LinkedRecord.parse(line, file + ":" + number));
        }
      }
    }
    return output;
  }

  public void add(LinkedRecord record) {
    LinkedRecord held = byId.get(record.id());
    if (held == null) {
      byId.put(record.id(), record);
      return;
    }
    duplicates++;
    if (record.revision() >= held.revision()) {
      byId.put(record.id(), record);
    }
  }

  public LinkedRecord get(String id) {
    return byId.get(id);
  }

  public Collection<LinkedRecord> records() {
    return Collections.unmodifiableCollection(byId.values());
  }

  public int size() {
    return byId.size();
  }

  /** Records that came for an id already seen (revisions, redeliveries). */
  public long duplicates() {
    return duplicates;
  }
}

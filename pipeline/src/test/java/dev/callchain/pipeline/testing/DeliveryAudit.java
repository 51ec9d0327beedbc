package dev.callchain.pipeline.testing;

import dev.callchain.pipeline.model.CallRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a run delivered against the all-pairs oracle, the figures a fault test reports: duplicates
 * (at-least-once output repeats a call), then, once deduplicated by id with the last record
 * winning (an upsert by key, SPEC §3), the ids missing and the ids whose links are wrong.
 *
 * @param examples a few of the missing or wrong ids, with what came and what was expected
 */
public record DeliveryAudit(
    int recordsIn, int recordsOut, int idsOut, int duplicates, int missingIds, int wrongIds, List<String> examples) {
  private static final int EXAMPLES = 5;

  /** @param output the output topic's records in offset order per partition, keyed by id */
  public static DeliveryAudit of(List<CallRecord> input, List<ConsumerRecord<String, String>> output) {
    Map<String, String> expected = AllPairsOracle.links(input);
    Map<String, String> lastWins = new HashMap<>();
    output.forEach(record -> lastWins.put(record.key(), LinkedOutput.linksOf(record.value())));
    int missing = 0;
    int wrong = 0;
    List<String> examples = new ArrayList<>();
    for (Map.Entry<String, String> call : expected.entrySet()) {
      String delivered = lastWins.get(call.getKey());
      if (delivered == null) {
        missing++;
      } else if (!delivered.equals(call.getValue())) {
        wrong++;
      } else {
        continue;
      }
      if (examples.size() < EXAMPLES) {
        examples.add(call.getKey() + ": delivered " + delivered + ", expected " + call.getValue());
      }
    }
    for (String id : lastWins.keySet()) {
      if (!expected.containsKey(id)) {
        wrong++;
        if (examples.size() < EXAMPLES) {
          examples.add(id + ": delivered, but no such call went in");
        }
      }
    }
    return new DeliveryAudit(
        input.size(), output.size(), lastWins.size(), output.size() - lastWins.size(), missing, wrong, List.copyOf(examples));
  }

  public String summary() {
    return String.format(
        "records in %,d; records out %,d; ids out %,d; duplicates %,d; missing ids %,d; ids with wrong links %,d%s",
        recordsIn, recordsOut, idsOut, duplicates, missingIds, wrongIds,
        examples.isEmpty() ? "" : "; for example " + String.join(" | ", examples));
  }
}

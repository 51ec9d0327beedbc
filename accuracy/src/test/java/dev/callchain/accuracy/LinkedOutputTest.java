package dev.callchain.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkedOutputTest {
  @Test
  void theHighestRevisionWinsWhateverTheOrder() {
    LinkedOutput output = Outputs.output(
        Outputs.revised("a", List.of("x"), 0),
        Outputs.revised("a", List.of("x", "y"), 2),
        Outputs.revised("a", List.of("z"), 1));
    assertEquals(1, output.size());
    assertEquals(List.of("x", "y"), output.get("a").parents());
    assertEquals(2, output.get("a").revision());
    assertEquals(2, output.duplicates());
  }

  @Test
  void withoutRevisionsTheLaterRecordWins() {
    LinkedOutput output = Outputs.output(
        Outputs.line("a", "10.2.0.1", List.of("x")),
        Outputs.line("a", "10.2.0.1", List.of("y")));
    assertEquals(List.of("y"), output.get("a").parents());
  }

  @Test
  void aRecordWithoutParentsIsAnError() {
    assertThrows(IllegalArgumentException.class,
        () -> LinkedRecord.parse("{\"id\":\"a\",\"dst_ip\":\"10.2.0.1\",\"children\":[]}", "line 1"));
  }
}

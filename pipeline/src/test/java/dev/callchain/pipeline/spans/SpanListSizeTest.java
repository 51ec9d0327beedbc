package dev.callchain.pipeline.spans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.TraceMark;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A list knows, before a span is added, exactly how large it will be: no list over the limit. */
class SpanListSizeTest {
  @ParameterizedTest
  @EnumSource(SpanFormat.class)
  void aListIsExactlyAsLargeAsItSaid(SpanFormat format) {
    Random random = new Random(7);
    SpanList<?> list = format.newList();
    for (int round = 0; round < 20; round++) {
      int expected = 0;
      int spans = 1 + random.nextInt(300);
      for (int i = 0; i < spans; i++) {
        expected = add(list, randomCall(random, round + "-" + i, 0, 400));
      }
      assertEquals(spans, list.size());
      assertEquals(expected, list.take().length, format + " round " + round);
      assertEquals(0, list.size());
    }
  }

  private static <S> int add(SpanList<S> list, LinkedCall call) {
    S span = list.encode(CallSpan.of(call));
    int bytes = list.bytesWith(span);
    list.add(span);
    return bytes;
  }

  /**
   * Services of a few names (OTLP groups by them), names of {@code minName} to {@code maxName}
   * characters, with or without a parent.
   */
  static LinkedCall randomCall(Random random, String id, int minName, int maxName) {
    String name = "n".repeat(minName + random.nextInt(maxName - minName));
    String extra = "\"service\":\"svc-" + random.nextInt(5) + "\",\"name\":\"" + name + "\"";
    CallRecord call =
        new CallRecord(
            id, "10.0.0." + random.nextInt(9), "10.1.0." + random.nextInt(9), 1000, 1000 + random.nextInt(50), 0,
            extra.getBytes(StandardCharsets.UTF_8));
    boolean root = random.nextBoolean();
    return new LinkedCall(
            call,
            root ? new String[0] : new String[] {"p-" + id},
            new String[0],
            root ? new ParentScores(null, new double[0]) : new ParentScores("p-" + id, new double[] {random.nextDouble()}),
            0)
        .withTrace(root ? TraceMark.root(id) : new TraceMark("r-" + id, 1, "svc-0"));
  }
}

package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SimulatorFigureTest {
  /** As SimulatorBenchmark formats a figure. */
  private static String line(String what, double value, String unit, String op, double target, boolean met) {
    return String.format(Locale.ROOT, "%-58s %,14.1f %s  (target %s %,.0f)  %s", what + ":", value, unit, op,
        target, met ? "MET" : "MISSED");
  }

  @Test
  void readsTheFiguresAndSkipsTheOtherLines() {
    List<String> output = List.of(
        "JVM 17.0.15+6-Debian-1deb12u1, 2 processors",
        line("fast mode into Kafka at 127.0.0.1:40123", 251_234.5, "records/s", ">=", 200_000, true),
        "    50000 traces, 220000 records, 220000 sent, 0 send errors in 0.876 s",
        line("real time, --interval 0.2 for 3 s into Kafka", 12.3, "ms p99 lag (max 40.000 ms over 15000 events)",
            "<", 10, false));

    List<SimulatorFigure> figures = SimulatorFigure.parseAll(output);

    assertEquals(2, figures.size());
    SimulatorFigure kafka = figures.get(0);
    assertEquals("fast mode into Kafka at 127.0.0.1:40123", kafka.what());
    assertEquals(251_234.5, kafka.value(), 1e-9);
    assertEquals("records/s", kafka.unit());
    assertEquals(">= 200,000", kafka.target());
    assertTrue(kafka.met());
    SimulatorFigure lag = figures.get(1);
    assertEquals(12.3, lag.value(), 1e-9);
    assertEquals("ms p99 lag (max 40.000 ms over 15000 events)", lag.unit());
    assertFalse(lag.met());
  }
}

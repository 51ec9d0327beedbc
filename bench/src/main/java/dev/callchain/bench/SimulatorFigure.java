package dev.callchain.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One figure line of the simulator's own benchmark ({@code SimulatorBenchmark}), e.g. {@code
 * "fast mode into Kafka at 127.0.0.1:9092:   250,000.0 records/s  (target >= 200,000)  MET"}.
 */
record SimulatorFigure(String what, double value, String unit, String target, boolean met) {
  private static final Pattern LINE =
      Pattern.compile("^(.+?):\\s+([\\d,]+\\.\\d+) (.+?)\\s+\\(target (.+?)\\)\\s+(MET|MISSED)\\s*$");

  static Optional<SimulatorFigure> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SimulatorFigure(m.group(1).strip(), Double.parseDouble(m.group(2).replace(",", "")),
        m.group(3).strip(), m.group(4), m.group(5).equals("MET")));
  }

  static List<SimulatorFigure> parseAll(List<String> lines) {
    List<SimulatorFigure> figures = new ArrayList<>();
    for (String line : lines) {
      parse(line).ifPresent(figures::add);
    }
    return figures;
  }
}

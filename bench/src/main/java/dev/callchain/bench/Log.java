package dev.callchain.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Progress of a bench run on stderr, each line with the time since the start. */
final class Log {
  private final PrintStream out;
  private final long started = System.nanoTime();

  Log(PrintStream out) {
    this.out = out;
  }

  void step(String format, Object... args) {
    print("  ", format, args);
  }

  void result(String format, Object... args) {
    print("=> ", format, args);
  }

  double elapsedSeconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  private void print(String mark, String format, Object... args) {
    out.printf(Locale.ROOT, "bench [%6.1f s] %s%s%n", elapsedSeconds(), mark, String.format(Locale.ROOT, format, args));
    out.flush();
  }
}

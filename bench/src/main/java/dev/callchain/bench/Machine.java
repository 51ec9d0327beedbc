package dev.callchain.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The machine a figure was measured on, which rates mean nothing without. */
public final class Machine {
  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

  private Machine() {}

  /**
   * "2 cores, nproc 2, 23.5 GiB memory, OpenJDK ... (vendor), Linux amd64". Cores are physical
   * (two hyper-threads of one core count once); nproc is what this process may use, as {@code
   * nproc} prints it.
   */
  public static String describe() {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return String.format(Locale.ROOT, "%s, nproc %d, %.1f GiB memory, %s %s (%s), %s", cores(),
        Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (double) (1L << 30),
        System.getProperty("java.vm.name"), Runtime.version(), System.getProperty("java.vendor"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"));
  }

  /** Distinct (physical id, core id) pairs of /proc/cpuinfo; "cores unknown" where it is not readable. */
  private static String cores() {
    List<String> lines;
    try {
      lines = Files.readAllLines(CPU_INFO);
    } catch (IOException e) {
      return "cores unknown";
    }
    Set<String> cores = new HashSet<>();
    String physical = "";
    for (String line : lines) {
      String value = line.replaceFirst("^[^:]*:\\s*", "");
      if (line.startsWith("physical id")) {
        physical = value;
      } else if (line.startsWith("core id")) {
        cores.add(physical + "/" + value);
      }
    }
    return cores.isEmpty() ? "cores unknown" : cores.size() + " cores";
  }
}

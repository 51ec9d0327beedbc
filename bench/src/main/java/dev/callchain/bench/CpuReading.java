package dev.callchain.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time used up to a moment: by a process (user + system over all its threads, JIT and GC
 * included, as Linux counts it in {@code /proc/<pid>/stat}, read through its {@link
 * ProcessHandle}), or by the whole machine ({@code /proc/stat}).
 *
 * @param wallNanos when it was read ({@link System#nanoTime()})
 */
record CpuReading(long wallNanos, long cpuNanos) {
  private static final Path MACHINE = Path.of("/proc/stat");
  /** /proc/stat counts in USER_HZ ticks, which Linux fixes at 100 a second for user space. */
  private static final long NANOS_PER_TICK = 10_000_000;

  /** Reads a live process's CPU time; fails when it cannot be read (the process ended). */
  static CpuReading of(ProcessHandle process) {
    long now = System.nanoTime();
    long cpu = process.info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("the CPU time of process " + process.pid() + " is not readable"))
        .toNanos();
    return new CpuReading(now, cpu);
  }

  /** The machine's busy time, every process's on every core; empty where /proc/stat is not readable. */
  static Optional<CpuReading> ofMachine() {
    long now = System.nanoTime();
    try (BufferedReader stat = Files.newBufferedReader(MACHINE)) {
      return Optional.of(new CpuReading(now, busyNanos(stat.readLine())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The busy time on /proc/stat's first line, {@code cpu user nice system idle iowait irq softirq
   * steal [guest guest_nice]}: all but idle and iowait (guest time is counted in user already).
   */
  static long busyNanos(String cpuLine) {
    String[] fields = cpuLine == null ? new String[0] : cpuLine.strip().split("\\s+");
    if (fields.length < 8 || !fields[0].equals("cpu")) {
      throw new IllegalArgumentException("not the machine's line of /proc/stat: " + cpuLine);
    }
    long ticks = 0;
    for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
      if (i != 4 && i != 5) {
        ticks += Long.parseLong(fields[i]);
      }
    }
    return ticks * NANOS_PER_TICK;
  }

  /** CPU seconds per wall second from this reading to a later one of the same process: 1.0 is one core busy. */
  double coresUntil(CpuReading later) {
    long wall = later.wallNanos - wallNanos;
    if (wall <= 0 || later.cpuNanos < cpuNanos) {
      throw new IllegalArgumentException("not a later reading of the same process: " + this + " then " + later);
    }
    return (later.cpuNanos - cpuNanos) / (double) wall;
  }
}

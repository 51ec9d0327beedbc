package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CpuUseTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void coresAreCpuTimeOverWallTimeBetweenTwoReadings() {
    CpuReading from = new CpuReading(100 * SECOND, 7 * SECOND);
    // 50 s later, 30 s more of CPU: 0.6 of a core.
    assertEquals(0.6, from.coresUntil(new CpuReading(150 * SECOND, 37 * SECOND)), 1e-12);
    // Two cores busy throughout.
    assertEquals(2.0, from.coresUntil(new CpuReading(110 * SECOND, 27 * SECOND)), 1e-12);
    assertEquals(0.0, from.coresUntil(new CpuReading(110 * SECOND, 7 * SECOND)), 1e-12);
  }

  @Test
  void aReadingNotLaterOrWithLessCpuIsNotOfTheSameProcess() {
    CpuReading from = new CpuReading(100 * SECOND, 7 * SECOND);
    assertThrows(IllegalArgumentException.class, () -> from.coresUntil(new CpuReading(100 * SECOND, 8 * SECOND)));
    assertThrows(IllegalArgumentException.class, () -> from.coresUntil(new CpuReading(90 * SECOND, 8 * SECOND)));
    assertThrows(IllegalArgumentException.class, () -> from.coresUntil(new CpuReading(110 * SECOND, 6 * SECOND)));
  }

  @Test
  void eachProcessIsMeasuredOverItsOwnReadingsAndTheTotalAddsThem() {
    CpuUse.Readings from = new CpuUse.Readings(new CpuReading(0, 0), new CpuReading(0, 5 * SECOND),
        new CpuReading(0, 10 * SECOND), new CpuReading(0, 1_000 * SECOND));
    CpuUse.Readings to = new CpuUse.Readings(new CpuReading(20 * SECOND, 4 * SECOND),
        new CpuReading(20 * SECOND, 15 * SECOND), new CpuReading(40 * SECOND, 60 * SECOND),
        new CpuReading(20 * SECOND, 1_038 * SECOND));

    CpuUse use = CpuUse.between(from, to);

    assertEquals(0.2, use.simulator(), 1e-12);
    assertEquals(0.5, use.broker(), 1e-12);
    assertEquals(1.25, use.pipeline(), 1e-12);
    assertEquals(1.95, use.total(), 1e-12);
    assertEquals(1.9, use.machine(), 1e-12);

    CpuUse.Readings unreadable = new CpuUse.Readings(from.simulator(), from.broker(), from.pipeline(), null);
    assertTrue(Double.isNaN(CpuUse.between(unreadable, to).machine()));
  }

  @Test
  void theMachineIsBusyButWhenIdleOrWaitingForInputOutput() {
    // user 1,000, nice 100, system 200, idle 5,000, iowait 50, irq 0, softirq 20, steal 3, guest 40
    // (within user), guest_nice 0: 1,323 ticks of 10 ms.
    assertEquals(13_230_000_000L, CpuReading.busyNanos("cpu  1000 100 200 5000 50 0 20 3 40 0"));
    assertEquals(13_230_000_000L, CpuReading.busyNanos("cpu 1000 100 200 5000 50 0 20 3"));
    assertThrows(IllegalArgumentException.class, () -> CpuReading.busyNanos("cpu0 1000 100 200 5000 50 0 20 3"));
    assertThrows(IllegalArgumentException.class, () -> CpuReading.busyNanos("cpu 1 2 3"));
  }

  @Test
  void thisProcessesAndTheMachinesCpuTimeAreReadable() {
    CpuReading now = CpuReading.of(ProcessHandle.current());
    assertTrue(now.cpuNanos() > 0, "a running JVM has used some CPU: " + now);
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "not Linux");
    assertTrue(CpuReading.ofMachine().orElseThrow().cpuNanos() >= now.cpuNanos(), "the machine ran this JVM too");
  }
}

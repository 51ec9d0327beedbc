package dev.callchain.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM does not outlive the bench when the bench is stopped (Ctrl-C, SIGTERM). */
class ChildJvmTest {
  @TempDir Path work;

  @Test
  void stoppingTheBenchStopsItsChild() throws Exception {
    Process bench =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                BenchWithAChild.class.getName(),
                work.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Optional<ProcessHandle> child = Optional.empty();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(bench.getInputStream(), StandardCharsets.UTF_8));
      long pid = Long.parseLong(out.readLine().replace("CHILD ", ""));
      child = ProcessHandle.of(pid);
      assertTrue(child.isPresent() && child.get().isAlive(), "the child did not start");

      bench.destroy(); // SIGTERM, as a shell's kill or Ctrl-C
      assertTrue(bench.waitFor(30, TimeUnit.SECONDS), "the bench did not stop");
      try {
        child.get().onExit().get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        // Asserted next.
      }
      assertFalse(child.get().isAlive(), "the child outlived the bench");
    } finally {
      bench.destroyForcibly();
      child.ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Starts a child that would sleep for ten minutes, says its pid, and waits to be stopped. */
  public static final class BenchWithAChild {
    public static void main(String[] args) throws Exception {
      ChildJvm jvm = new ChildJvm("64m", Path.of(args[0]));
      ChildJvm.Child child = jvm.start("sleeper", Sleeper.class, List.of());
      System.out.println("CHILD " + child.pid());
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  public static final class Sleeper {
    public static void main(String[] args) throws Exception {
      Thread.sleep(600_000);
    }
  }
}

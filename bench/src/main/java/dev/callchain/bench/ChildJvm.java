package dev.callchain.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs a measured system in a JVM of its own (its own heap, its own JIT), with this JVM's class
 * path and the options Flink needs on JDK 17. Its stderr goes to a log file; its stdout is
 * scanned for the one result line. Children are stopped by their own process handle.
 */
final class ChildJvm {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  /** The exit code a {@link ChildFailure} reports for a child stopped at its time limit. */
  static final int TIMED_OUT = -1;

  private final String maxHeap;
  private final Path logDir;

  /**
   * The pipeline's tuned GC flags, used with -Xms = -Xmx: runner-configs/jvm.options, which says
   * why, is the one list of them (the launch scripts read it too).
   */
  static final List<String> GC_FLAGS = jvmOptions(Path.of("runner-configs", "jvm.options"));

  /** @param maxHeap the child's -Xmx, e.g. "6g" */
  ChildJvm(String maxHeap, Path logDir) {
    this.maxHeap = maxHeap;
    this.logDir = logDir;
  }

  /** A started child; {@link #stop()} ends it. */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Thread stdoutReader;
    /** Stops the child when this JVM is stopped first (Ctrl-C, SIGTERM): no child outlives it. */
    private final Thread stopOnExit;
    private volatile ChildResult result;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private Child(Process process, Path log) {
      this.process = process;
      this.log = log;
      this.stdoutReader = new Thread(() -> readStdout(process.getInputStream()), "child-stdout");
      stdoutReader.setDaemon(true);
      stdoutReader.start();
      this.stopOnExit = new Thread(this::stopOnExit, "stop-child-" + process.pid());
      Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    private void stopOnExit() {
      try {
        stop();
      } catch (InterruptedException e) {
        process.destroyForcibly();
      }
    }

    private void readStdout(InputStream stdout) {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          Optional<ChildResult> parsed = ChildResult.parse(line);
          if (parsed.isPresent()) {
            result = parsed.get();
          }
          output.add(line);
          Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
              StandardOpenOption.APPEND);
        }
      } catch (IOException e) {
        // The child went away; what it printed so far counts.
      }
    }

    long pid() {
      return process.pid();
    }

    /** The child's process, e.g. to read its CPU time while it runs. */
    ProcessHandle handle() {
      return process.toHandle();
    }

    /** Waits for the child to end by itself and returns what it printed; stops it at the timeout. */
    List<String> awaitOutput(Duration timeout) throws InterruptedException {
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        stop();
        throw new ChildFailure("timed out after " + timeout.toSeconds() + " s", TIMED_OUT, log);
      }
      stdoutReader.join(STOP_GRACE.toMillis());
      if (process.exitValue() != 0) {
        throw new ChildFailure("failed", process.exitValue(), log);
      }
      return List.copyOf(output);
    }

    /** Waits for the child to end by itself and returns its result line; stops it at the timeout. */
    ChildResult await(Duration timeout) throws InterruptedException {
      awaitOutput(timeout);
      if (result == null) {
        throw new ChildFailure("printed no result", process.exitValue(), log);
      }
      return result;
    }

    /**
     * Stops a child that reports on its way out (its result line, printed when it is asked to
     * stop) and returns that result.
     */
    ChildResult stopForResult() throws InterruptedException {
      stop();
      stdoutReader.join(STOP_GRACE.toMillis());
      if (result == null) {
        throw new ChildFailure("printed no result when stopped", process.isAlive() ? TIMED_OUT : process.exitValue(),
            log);
      }
      return result;
    }

    /** Fails when the child has ended: one started to run until stopped must not end by itself. */
    void requireRunning() {
      if (!process.isAlive()) {
        throw new ChildFailure("ended before it was stopped", process.exitValue(), log);
      }
    }

    /**
     * Ends the child: politely first (SIGTERM through its handle, which unlike {@link
     * Process#destroy()} leaves its output open, so what it prints on its way out is still read),
     * then by force.
     */
    void stop() throws InterruptedException {
      process.toHandle().destroy();
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        stop();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException e) {
        // This JVM is shutting down: the hook is stopping the child already.
      }
    }
  }

  /** Children like these, with another heap: a small process beside the measured one. */
  ChildJvm withHeap(String otherMaxHeap) {
    return new ChildJvm(otherMaxHeap, logDir);
  }

  /** Starts {@code main} in a new JVM; its output goes to {@code <logDir>/<name>.log}. */
  Child start(String name, Class<?> main, List<String> args) {
    return start(name, main.getName(), args);
  }

  Child start(String name, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(flinkOpens().split("\\s+")));
    command.add("-Xmx" + maxHeap);
    command.add("-Xms" + maxHeap);
    command.addAll(GC_FLAGS);
    flightRecording(name).ifPresent(command::add);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      Files.writeString(log, String.join(" ", command.subList(command.size() - args.size() - 1,
          command.size())) + "\n", StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new Child(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start a child JVM for " + mainClass, e);
    }
  }

  /**
   * With {@code -D}{@value #JFR_DIR_PROPERTY}{@code =DIR} every child records a JFR profile into
   * {@code DIR/<name>.jfr}, written when it ends: how a missed target is profiled in the mode it
   * was measured in.
   */
  static final String JFR_DIR_PROPERTY = "callchain.bench.jfrDir";

  /** Whether this run's children record JFR profiles. */
  static boolean recordsFlights() {
    return jfrDir().isPresent();
  }

  private static Optional<String> jfrDir() {
    return Optional.ofNullable(System.getProperty(JFR_DIR_PROPERTY)).filter(dir -> !dir.isBlank());
  }

  private static Optional<String> flightRecording(String name) {
    Optional<String> configured = jfrDir();
    if (configured.isEmpty()) {
      return Optional.empty();
    }
    String dir = configured.get();
    try {
      Files.createDirectories(Path.of(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the JFR directory " + dir, e);
    }
    Path file = Path.of(dir).toAbsolutePath().resolve(name + ".jfr");
    return Optional.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file);
  }

  /** Runs a child to its end and returns its result. */
  ChildResult run(String name, Class<?> main, List<String> args, Duration timeout)
      throws InterruptedException {
    try (Child child = start(name, main, args)) {
      return child.await(timeout);
    }
  }

  /** Runs a child to its end and returns its standard output. */
  List<String> runForOutput(String name, String mainClass, List<String> args, Duration timeout)
      throws InterruptedException {
    try (Child child = start(name, mainClass, args)) {
      return child.awaitOutput(timeout);
    }
  }

  /**
   * The flags in a JVM options file of this repository (one a line, '#' starts a comment), found
   * above where this class was loaded from (bench/target/...), else above the working directory.
   */
  static List<String> jvmOptions(Path relative) {
    List<Path> starts = new ArrayList<>();
    try {
      starts.add(Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (Exception e) {
      // No code source: the working directory alone.
    }
    starts.add(Path.of("").toAbsolutePath());
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve(relative))) {
          return readJvmOptions(dir.resolve(relative));
        }
      }
    }
    throw new IllegalStateException(relative + " not found above " + starts);
  }

  private static List<String> readJvmOptions(Path file) {
    List<String> flags = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String withoutComment = line.replaceFirst("#.*", "").strip();
        if (!withoutComment.isEmpty()) {
          flags.addAll(Arrays.asList(withoutComment.split("\\s+")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    return List.copyOf(flags);
  }

  static String flinkOpens() {
    Properties properties = new Properties();
    try (InputStream in = ChildJvm.class.getResourceAsStream("/bench.properties")) {
      properties.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("bench.properties missing from the class path", e);
    }
    return properties.getProperty("flink.jvm.opens").strip();
  }

  /** A child that failed, timed out or printed no result; the message names its log. */
  static final class ChildFailure extends RuntimeException {
    final int exitCode;

    ChildFailure(String what, int exitCode, Path log) {
      super("child " + what + " (exit " + exitCode + "), see " + log);
      this.exitCode = exitCode;
    }
  }
}

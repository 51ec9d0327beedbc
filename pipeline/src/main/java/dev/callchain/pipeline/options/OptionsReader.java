package dev.callchain.pipeline.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import dev.callchain.pipeline.io.KafkaClientProperties;
import dev.callchain.pipeline.link.LinkSettings;
import dev.callchain.pipeline.spans.WriteSpans;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Turns the command line into {@link CallchainOptions}: merges the --runnerConfig file under the
 * flags, applies the environment fallbacks Beam's defaults cannot express, and checks values so
 * that a bad one is reported in words before anything starts.
 */
public final class OptionsReader {
  private static final String RUNNER_CONFIG = "--runnerConfig";
  private static final String MAX_BUNDLE_SIZE = "--maxBundleSize";
  private static final String STREAMING = "--streaming";

  /**
   * The FlinkRunner's streaming operators pass a watermark on only between bundles, and a bundle
   * closed by its time limit (1 s) rarely gets to: the next record opens another first. Below
   * 1,000 records/s per worker (Flink's default bundle size), bundles only ever close by time, so
   * the watermark stood still while records kept coming, and nothing was linked or emitted until
   * the input paused. Closing a bundle every 100 records passes the watermark on at any rate above
   * 100 records/s. Only a live stream needs it: a finite run's watermark stays put until its input
   * ends, and every closed bundle flushes the Kafka writer (960,628 records streamed in 28.7 s at
   * 100 records a bundle, 23.5 s at 1,000; one run each).
   */
  static final long STREAMING_BUNDLE_SIZE = 100;

  /**
   * By default the FlinkRunner ends a bundle that a checkpoint cuts short inside the snapshot, and
   * holds what the bundle's end outputs (a list of spans, a refused record's dead letter) until
   * its step next gets a record or a watermark. When the input goes quiet neither comes, so the
   * spans of the last traces were never written. Ending the bundle before the checkpoint's barrier
   * writes them at once (SpansOnKafkaTest).
   */
  private static final String FINISH_BUNDLE_BEFORE_CHECKPOINTING = "--finishBundleBeforeCheckpointing";

  private static final Set<String> OFFSET_RESETS = Set.of("earliest", "latest", "none");
  private static final String ROCKSDB = "rocksdb";

  /**
   * RocksDB reads and writes a key's state whole on every record: with one key per address that
   * is the address's whole traffic within the bound, so on RocksDB addresses are sliced unless
   * the user says otherwise (BENCHMARKS.md, "State").
   */
  public static final long ROCKSDB_SLICE_MS = 1000;
  /** Room for a dead letter's reason, origin, size and hash beside a cut original. */
  static final int MIN_RECORD_BYTES = 4096;

  private OptionsReader() {}

  public static CallchainOptions read(String[] args, Map<String, String> env) {
    PipelineOptionsFactory.register(CallchainOptions.class);
    String[] merged = withRunnerConfig(args);
    CallchainOptions options =
        PipelineOptionsFactory.fromArgs(merged).withValidation().as(CallchainOptions.class);
    if (!isFinite(options) && !given(merged, MAX_BUNDLE_SIZE)) {
      options.setMaxBundleSize(STREAMING_BUNDLE_SIZE);
    }
    if (!given(merged, FINISH_BUNDLE_BEFORE_CHECKPOINTING)) {
      options.setFinishBundleBeforeCheckpointing(true);
    }
    // A finite Kafka run is a stream cut short: Flink's streaming engine runs it as it runs the
    // live one, where its batch engine sorted every keyed stage first (960,628 records: 31k
    // records/s batch, 33-39k streaming over four runs).
    boolean finiteKafka = options.getMaxRecords() != null && options.getInputFile() == null;
    if (finiteKafka && !given(merged, STREAMING)) {
      options.setStreaming(true);
    }
    if (options.getParallelism() == null || options.getParallelism() <= 0) {
      Integer parallelism = EnvironmentDefaults.parallelism(env);
      if (parallelism != null) {
        options.setParallelism(parallelism);
      }
    }
    if (options.getParallelism() != null && options.getParallelism() > 0) {
      options.as(DirectOptions.class).setTargetParallelism(options.getParallelism());
    }
    if (ROCKSDB.equalsIgnoreCase(options.getStateBackend())) {
      withIncrementalCheckpoints(options);
    }
    check(options);
    return options;
  }

  /**
   * {@code --stateBackend=rocksdb} with incremental checkpoints: Beam's own rocksdb backend takes
   * them only from a Flink config file, so the choice goes to {@link IncrementalRocksDb}.
   */
  private static void withIncrementalCheckpoints(CallchainOptions options) {
    require(options.getStateBackendStoragePath() != null,
        "--stateBackend=rocksdb needs --stateBackendStoragePath, where its checkpoints go");
    options.setStateBackend(null);
    options.setStateBackendFactory(IncrementalRocksDb.class);
    if (options.getAddressSliceMs() == null
        && LinkSettings.parse(LinkSettings.Linker.class, "--linker", options.getLinker()) == LinkSettings.Linker.INDEX) {
      options.setAddressSliceMs(ROCKSDB_SLICE_MS);
    }
  }

  /** A run that ends by itself: a file, or a Kafka read of --maxRecords records. */
  public static boolean isFinite(CallchainOptions options) {
    return options.getInputFile() != null || options.getMaxRecords() != null;
  }

  private static boolean given(String[] flags, String name) {
    return Arrays.stream(flags).anyMatch(flag -> name(flag).equals(name));
  }

  /** The config file's flags first, each replaced by the same flag from the command line. */
  static String[] withRunnerConfig(String[] args) {
    String file = null;
    for (String arg : args) {
      if (arg.startsWith(RUNNER_CONFIG + "=")) {
        file = arg.substring(RUNNER_CONFIG.length() + 1);
      }
    }
    if (file == null) {
      return args;
    }
    Map<String, String> merged = new LinkedHashMap<>();
    for (String flag : readConfig(Path.of(file))) {
      merged.put(name(flag), flag);
    }
    for (String arg : args) {
      merged.put(name(arg), arg);
    }
    return merged.values().toArray(new String[0]);
  }

  private static List<String> readConfig(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "runner config " + file + " does not exist (see runner-configs/ for the provided ones)");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read runner config " + file + ": " + e.getMessage());
    }
    List<String> flags = new ArrayList<>();
    for (String line : lines) {
      String flag = line.strip();
      if (flag.isEmpty() || flag.startsWith("#")) {
        continue;
      }
      flags.add(flag.startsWith("--") ? flag : "--" + flag);
    }
    return flags;
  }

  private static String name(String flag) {
    int equals = flag.indexOf('=');
    return equals < 0 ? flag : flag.substring(0, equals);
  }

  private static void check(CallchainOptions options) {
    require(options.getMaxOutOfOrderMs() >= 0, "--maxOutOfOrderMs must be 0 or more");
    require(options.getIdleFlushMs() > 0, "--idleFlushMs must be more than 0");
    require(options.getIdlePartitionMs() > 0, "--idlePartitionMs must be more than 0");
    require(
        OFFSET_RESETS.contains(options.getAutoOffsetReset().toLowerCase(Locale.ROOT)),
        "--autoOffsetReset must be earliest, latest or none, not '" + options.getAutoOffsetReset() + "'");
    require(
        options.getMaxRecords() == null || options.getMaxRecords() > 0,
        "--maxRecords must be more than 0");
    require(
        options.getReviseHorizonMs() == null || options.getReviseHorizonMs() >= 0,
        "--reviseHorizonMs must be 0 or more");
    require(
        options.getMaxRecordBytes() >= MIN_RECORD_BYTES,
        "--maxRecordBytes must be at least " + MIN_RECORD_BYTES + " (a dead letter's reason and origin)");
    require(options.getAddressSliceMs() == null || options.getAddressSliceMs() >= 0, "--addressSliceMs must be 0 (off) or more");
    KafkaClientProperties.read(options.getKafkaProperties()); // refused or unreadable: said in words
    WriteSpans.format(options);
    LinkSettings settings = LinkSettings.from(options);
    require(options.getSkewToleranceMs() >= 0, "--skewToleranceMs must be 0 (off) or more");
    require(
        settings.skewToleranceMs() == 0 || settings.bestParent(),
        "--skewToleranceMs widens only best_parent's candidates: it needs --bestParent=true (or --traces=true)");
    require(
        settings.skewToleranceMs() == 0 || settings.lateLinks() == LinkSettings.LateLinks.DROP,
        "--skewToleranceMs and --lateLinks=revise do not go together yet: a revision rescores only the parents");
    require(
        settings.linker() == LinkSettings.Linker.INDEX
            || (!settings.bestParent()
                && settings.lateLinks() == LinkSettings.LateLinks.DROP
                && !settings.slicesAddresses()),
        "--linker=scan is the plain baseline: it has no --bestParent, --lateLinks=revise or"
            + " --addressSliceMs");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}

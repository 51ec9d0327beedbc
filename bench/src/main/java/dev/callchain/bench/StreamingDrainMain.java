package dev.callchain.bench;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming drain alone, to measure callchain against the native job (or callchain on RocksDB
 * against callchain on the heap) as live streams without the whole bench, and to try pipeline
 * options: starts a broker in this JVM, writes one dataset, drains it with each system, prints a
 * line per drain and the ratio of the first system to the second. Exit 1 when the first two
 * systems' outputs differ or a drain did not reach 100%, 2 for a bad option.
 */
public final class StreamingDrainMain {
  private static final String USAGE = """
      Usage: java -cp bench/target/callchain-bench.jar dev.callchain.bench.StreamingDrainMain
        [--workload default|dense|moderate|extreme] [--records 300000]
        [--systems callchain,native | callchain,callchain-rocksdb | callchain,callchain-best-parent | ...] [--repeats 1]
        [--callchain-arg=--option=value ...] [--native-arg=--option=value ...]
        [--callchain-rocksdb-arg=--option=value ...] [--callchain-exactly-once-arg=--option=value ...]
        [--heap 4g] [--repo DIR]""";

  /** What to drain, with what, how often; {@code extra} are options added to a system's own. */
  record Options(Workload workload, List<LiveSystem> systems, int repeats, Map<LiveSystem, List<String>> extra,
                 String heap, Path repo) {
    static Options parse(String... args) {
      String workload = "default";
      long records = 300_000;
      List<LiveSystem> systems = StreamingDrainSection.AGAINST_NATIVE;
      int repeats = 1;
      Map<LiveSystem, List<String>> extra = new EnumMap<>(LiveSystem.class);
      String heap = "4g";
      Path repo = Path.of("").toAbsolutePath();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.startsWith("--") && arg.contains("-arg=")) {
          LiveSystem system = LiveSystem.named(arg.substring(2, arg.indexOf("-arg=")));
          extra.computeIfAbsent(system, s -> new ArrayList<>()).add(arg.substring(arg.indexOf('=') + 1));
          continue;
        }
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        String value = args[++i];
        switch (arg) {
          case "--workload" -> workload = value;
          case "--records" -> records = Long.parseLong(value);
          case "--systems" -> systems = Arrays.stream(value.split(",")).map(LiveSystem::named).distinct().toList();
          case "--repeats" -> repeats = Integer.parseInt(value);
          case "--heap" -> heap = value;
          case "--repo" -> repo = Path.of(value).toAbsolutePath();
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      if (records <= 0 || repeats <= 0) {
        throw new IllegalArgumentException("--records and --repeats must be more than 0");
      }
      extra.forEach((system, options) -> {
        if (system.isCallchain() && !PipelineOptionNames.knowsAll(options)) {
          // Said now, not after writing the dataset: Beam would let an unknown option through.
          throw new IllegalArgumentException("the pipeline does not know one of " + options);
        }
      });
      return new Options(Workload.named(workload, records), systems, repeats, extra, heap, repo);
    }
  }

  private StreamingDrainMain() {}

  public static void main(String[] args) throws Exception {
    StandaloneCommand.quietBrokerLogs();
    Options options = StandaloneCommand.optionsOrExit("drain", USAGE, () -> Options.parse(args));
    Workload workload = options.workload();
    Log log = new Log(System.err);
    StreamingDrainSection.WorkloadDrains drains;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      Path repo = options.repo();
      Runs runs = Runs.onEmbeddedFlink(broker, options.heap(), repo.resolve("bench/target/drain-run/logs"), repo);
      log.step("writing %s (%s, about %d records)", workload.name(), workload.describe(), workload.records());
      Datasets.Dataset data = new Datasets(broker).intoKafka(workload, runs.freshTopic(workload.name()));
      drains = new StreamingDrainSection(runs, log, options.extra())
          .measure(data, options.repeats(), options.systems());
    }
    drains.drains().forEach(d -> System.out.println(d.describe()));
    StreamingDrain.tooShort(workload).ifPresent(why -> System.out.println("WARNING: " + why));
    if (options.systems().size() >= 2) {
      LiveSystem first = options.systems().get(0);
      LiveSystem second = options.systems().get(1);
      System.out.printf("%s / %s, %s %s: %s (medians over %d and %d drain(s) that reached 90%%); %s%n",
          first.option, second.option, workload.name(), workload.describe(),
          Format.ratio(drains.ratio(first, second)), drains.rates(first).size(), drains.rates(second).size(),
          drains.outputCheck());
    }
    System.out.println("Machine: " + Machine.describe());
    boolean incomplete = drains.drains().stream().anyMatch(d -> !d.complete());
    System.exit(drains.outputsDiffer() || incomplete ? 1 : 0);
  }
}

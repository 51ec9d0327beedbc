package dev.callchain.demo;

import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.CallchainPipeline;
import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.OptionsReader;
import dev.callchain.simulator.RunSummary;
import dev.callchain.simulator.Simulator;
import dev.callchain.simulator.SimulatorConfig;
import dev.callchain.simulator.SimulatorOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole chain in one JVM: an in-process Kafka broker (KRaft), the pipeline on the FlinkRunner's
 * embedded cluster reading it, the simulator writing to it; the linked records printed as they
 * arrive on the output topic, then a summary.
 */
final class Demo {
  static final String INPUT = "test-topic";
  static final String OUTPUT = "linked-topic";
  static final String DEAD_LETTERS = "dead-letter-topic";
  static final String SPANS = "zipkin";
  static final String EDGES = "callchain-edges";
  private static final int PARTITIONS = 5;
  /** Longer than the simulator's largest delay in the demo (SIMPY_MAX_DELAY_MS). */
  private static final long MAX_OUT_OF_ORDER_MS = 2000;
  private static final long IDLE_FLUSH_MS = 3000;
  private static final Duration WAIT_FOR_OUTPUT = Duration.ofMinutes(3);
  private static final Duration ZIPKIN_WAIT = Duration.ofSeconds(90);

  /** Malformed logs the demo adds, to show the dead letters. */
  static final List<String> MALFORMED =
      List.of(
          "not json at all",
          "{\"id\":\"no-addresses\",\"start_at_ms\":1,\"end_at_ms\":2}",
          "{\"id\":\"backwards\",\"src_ip\":\"a\",\"dst_ip\":\"b\",\"start_at_ms\":2000,\"end_at_ms\":1000}");

  private final DemoSettings settings;
  private final PrintStream out;
  private final PrintStream err;

  Demo(DemoSettings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  /** @return whether every record came back */
  boolean run() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      for (String topic : List.of(INPUT, OUTPUT, DEAD_LETTERS, SPANS, EDGES)) {
        broker.createTopic(topic, PARTITIONS);
      }
      err.println("demo: Kafka (in-process, KRaft) at " + broker.bootstrapServers());
      long started = System.nanoTime();
      PipelineResult job = startPipeline(broker.bootstrapServers());
      err.println("demo: pipeline submitted to Flink's embedded cluster");
      try (ZipkinView zipkin = settings.ui() ? ZipkinView.start(broker.bootstrapServers(), SPANS, err) : ZipkinView.none();
          OutputWatcher watcher = OutputWatcher.start(broker.bootstrapServers(), out)) {
        Simulator simulator = new Simulator(simulatorConfig(broker.bootstrapServers()), out, err);
        sendMalformed(broker.bootstrapServers());
        if (settings.stream()) {
          return runUntilInterrupted(simulator, watcher, started);
        }
        RunSummary simulated = simulator.run();
        err.print(simulated.format());
        long expected = simulated.recordsSent();
        boolean complete = watcher.awaitCounts(expected, MALFORMED.size(), WAIT_FOR_OUTPUT);
        printSummary(watcher, expected, started);
        showInZipkin(zipkin, watcher);
        if (!complete) {
          err.println("demo: only " + watcher.linked() + " of " + expected + " linked records and "
              + watcher.deadLetters() + " of " + MALFORMED.size() + " dead letters arrived within "
              + WAIT_FOR_OUTPUT.toSeconds() + " s");
        }
        return complete;
      } finally {
        job.cancel();
      }
    }
  }

  private boolean runUntilInterrupted(Simulator simulator, OutputWatcher watcher, long started)
      throws InterruptedException {
    Thread simulating = new Thread(() -> {
      try {
        err.print(simulator.run().format());
      } catch (Exception e) {
        err.println("demo: simulator failed: " + e);
      }
    }, "simulator");
    simulating.start();
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.stop();
      main.interrupt();
      try {
        main.join(IDLE_FLUSH_MS + 10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    try {
      simulating.join();
    } catch (InterruptedException stopped) {
      simulating.join();
    }
    // The last records wait for the idle flush; give it time before the summary.
    Thread.sleep(IDLE_FLUSH_MS + 2000);
    printSummary(watcher, watcher.linked(), started);
    return true;
  }

  /**
   * Links the latest finished trace in Zipkin's UI; a person at a terminal then has until Enter
   * to look, since the demo's Zipkin stops with it.
   */
  private void showInZipkin(ZipkinView zipkin, OutputWatcher watcher) throws Exception {
    List<TraceTrees.FinishedTrace> latest = watcher.latestTraces();
    if (!zipkin.shown() || latest.isEmpty()) {
      return;
    }
    TraceTrees.FinishedTrace trace = latest.get(latest.size() - 1);
    err.println();
    ZipkinView.Shown shown = zipkin.trace(trace, ZIPKIN_WAIT);
    err.println(
        shown.page()
            .map(link -> "demo: trace " + trace.traceId() + " in Zipkin: " + link)
            .orElse("demo: Zipkin held " + shown.spans() + " of the " + trace.calls() + " calls of trace "
                + trace.traceId() + " after " + ZIPKIN_WAIT.toSeconds() + " s"));
    if (System.console() != null) {
      err.println("demo: Zipkin stays up at " + zipkin.ui() + " until you press Enter");
      System.in.read();
    }
  }

  private PipelineResult startPipeline(String bootstrapServers) {
    CallchainOptions options =
        OptionsReader.read(
            new String[] {
              "--runnerConfig=runner-configs/flink-embedded.conf",
              "--streaming=true",
              "--attachedMode=false",
              "--bootstrapServers=" + bootstrapServers,
              "--inputTopic=" + INPUT,
              "--outputTopic=" + OUTPUT,
              "--deadLetterTopic=" + DEAD_LETTERS,
              "--autoOffsetReset=earliest",
              "--maxOutOfOrderMs=" + MAX_OUT_OF_ORDER_MS,
              "--idleFlushMs=" + IDLE_FLUSH_MS,
              "--idlePartitionMs=2000",
              "--checkpointingInterval=10000",
              "--traces=true"
            },
            Map.of());
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply("Callchain", new CallchainPipeline(options));
    return pipeline.run();
  }

  private SimulatorConfig simulatorConfig(String bootstrapServers)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap", bootstrapServers,
                "--topic", INPUT,
                "--realtime",
                "--interval", Double.toString(settings.intervalMs())));
    if (settings.stream()) {
      args.add("--stream");
    } else {
      args.addAll(List.of("--count", Long.toString(settings.traces())));
    }
    return SimulatorOptions.parse(args.toArray(new String[0]), DemoMain.SIMULATOR_ENVIRONMENT);
  }

  private static void sendMalformed(String bootstrapServers) throws Exception {
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrapServers);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (String value : MALFORMED) {
        producer.send(new ProducerRecord<>(INPUT, value)).get();
      }
    }
  }

  private void printSummary(OutputWatcher watcher, long expected, long startedNanos) {
    double seconds = watcher.secondsToLastOutput(startedNanos);
    long recordsIn = expected + MALFORMED.size();
    err.println();
    err.println("demo: summary");
    err.printf("  records in         %d (%d simulated, %d malformed)%n", recordsIn, expected, MALFORMED.size());
    err.printf("  linked             %d%n", watcher.linked());
    err.printf("  rejected           %d%n", watcher.deadLetters());
    err.printf("  links              %d%n", watcher.links());
    err.printf("  seconds            %.1f (pipeline start to last output)%n", seconds);
    // The simulator runs in real time, so this is the offered load, not the pipeline's limit.
    err.printf("  records/s          %.0f (as fast as the simulator offers them)%n",
        seconds > 0 ? recordsIn / seconds : 0.0);
    err.println();
    err.println("demo: the latest finished traces");
    watcher.latestTraces().forEach(trace -> err.print(describe(trace)));
  }

  /** A finished trace as the demo shows it: a heading, then its tree. */
  static String describe(TraceTrees.FinishedTrace trace) {
    return "trace        " + trace.traceId() + " (" + trace.calls() + " calls)\n" + trace.tree();
  }
}

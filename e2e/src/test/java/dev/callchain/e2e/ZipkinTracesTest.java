package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callchain.kafka.EmbeddedKafkaBroker;
import dev.callchain.pipeline.KafkaJobs;
import dev.callchain.pipeline.spans.SpanTags;
import dev.callchain.pipeline.testing.Topics;
import dev.callchain.simulator.RunSummary;
import dev.callchain.simulator.Simulator;
import dev.callchain.simulator.SimulatorOptions;
import dev.callchain.simulator.model.Service;
import dev.callchain.zipkin.DependencyLink;
import dev.callchain.zipkin.Span;
import dev.callchain.zipkin.ZipkinServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traces as a user sees them: the simulator writes to a real broker, the pipeline (--traces,
 * on the FlinkRunner's embedded cluster) writes spans to the topic zipkin, the real Zipkin server
 * collects them, and its API is asked for the traces. They are checked against the simulator's
 * ground truth, at the demo's load and at a dense one; Zipkin's service graph must be the
 * simulator's; and a headless Chromium shows one trace's page.
 */
class ZipkinTracesTest {
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPANS = "zipkin";

  @TempDir static Path work;
  private static EmbeddedKafkaBroker broker;
  private static ZipkinServer zipkin;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafkaBroker.start();
    broker.createTopic(SPANS, 5);
    zipkin = ZipkinServer.start(ZipkinServer.jarIn(Repo.root()), 0, broker.bootstrapServers(), SPANS, work.resolve("zipkin.log"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (zipkin != null) {
      zipkin.close();
    }
    broker.close();
  }

  /** The demo's load: 300 requests 10 ms apart. */
  @Test
  void atTheDemosLoadZipkinShowsTheTracesAndTheServiceGraph() throws Exception {
    Reconstruction result = traceAndRead("demo", 10);
    // Floors well under what a run gives (see the closing figures it prints), so that a
    // regression, not the noise of one run, fails it.
    assertTrue(result.parentsRight() >= 0.75, result.toString());
    assertTrue(result.treesExact() >= 0.40, result.toString());

    Set<String> graph = new TreeSet<>();
    for (DependencyLink link : zipkin.api().dependencies(Instant.now(), Duration.ofDays(1))) {
      graph.add(service(link.parent()) + " -> " + service(link.child()));
    }
    assertEquals(result.trueServiceEdges(), graph);

    ChromiumPage.show(zipkin.ui().resolve("traces/" + result.sampleTraceId()), work, result.sampleServices());
  }

  /** Five times the demo's load: more calls in flight, more candidate parents to choose from. */
  @Test
  void atADenseLoadMostParentsAreStillRight() throws Exception {
    Reconstruction result = traceAndRead("dense", 2);
    assertTrue(result.parentsRight() >= 0.65, result.toString());
  }

  private Reconstruction traceAndRead(String run, double intervalMs) throws Exception {
    String input = run + "-in";
    broker.createTopic(input, 5);
    Path truthFile = work.resolve(run + "-truth.jsonl");
    RunSummary simulated =
        new Simulator(
                SimulatorOptions.parse(
                    new String[] {
                      "--bootstrap", broker.bootstrapServers(), "--topic", input,
                      "--count", "300", "--interval", Double.toString(intervalMs), "--seed", "11",
                      "--truth", truthFile.toString()
                    },
                    Map.of()),
                QUIET,
                QUIET)
            .run();
    Map<String, String> truth = new HashMap<>();
    Map<String, String> addressOf = new HashMap<>();
    for (String line : Files.readAllLines(truthFile)) {
      JsonNode record = JSON.readTree(line);
      truth.put(record.get("id").asText(), record.path("parent_id").isNull() ? null : record.get("parent_id").asText());
    }
    assertEquals(simulated.recordsSent(), truth.size());

    PipelineResult job =
        KafkaJobs.start(
            broker, run, "--objectReuse=true", "--maxOutOfOrderMs=2000", "--idleFlushMs=3000",
            "--traces=true", "--spansTopic=" + SPANS, "--edgesTopic=");
    try {
      Topics topics = new Topics(broker.bootstrapServers());
      for (var linked : topics.readUntil(run + "-out", read -> read.size() >= truth.size(), WAIT)) {
        JsonNode call = JSON.readTree(linked.value());
        addressOf.put(call.get("id").asText(), call.get("dst_ip").asText());
      }
      Map<String, Span> spans = new HashMap<>();
      JobWatch.await(
          "Zipkin to hold a span of every call",
          WAIT,
          () -> {
            spans.clear();
            for (List<Span> trace : zipkin.api().traces(100_000, Duration.ofDays(1))) {
              for (Span span : trace) {
                String id = span.tag(SpanTags.CALL_ID);
                if (truth.containsKey(id) && spans.put(id, span) != null) {
                  throw new AssertionError("two spans of call " + id);
                }
              }
            }
            return spans.size() == truth.size();
          });
      Reconstruction result = new Reconstruction(run, truth, spans, addressOf);
      System.out.println("zipkin traces, " + result);
      return result;
    } finally {
      job.cancel();
    }
  }

  /** The simulator's service of an address (10.2.0.7 is Sub1's). */
  static String service(String address) {
    for (Service service : Service.values()) {
      if (address.startsWith(service.addressPrefix())) {
        return service.name();
      }
    }
    throw new AssertionError("not a simulator address: " + address);
  }

  /** How the traces Zipkin shows compare with the true ones. */
  record Reconstruction(String run, Map<String, String> truth, Map<String, Span> spans, Map<String, String> addressOf) {
    /** The share of calls whose span's parent is the call's real caller (a root's: none). */
    double parentsRight() {
      return (double) truth.keySet().stream().filter(id -> Objects.equals(truth.get(id), parentInZipkin(id))).count()
          / truth.size();
    }

    /** The share of true trees (a call without a caller and all it led to) Zipkin shows exactly. */
    double treesExact() {
      Map<String, Set<String>> trueTrees = new HashMap<>();
      Map<String, Set<String>> shownTrees = new HashMap<>();
      for (String id : truth.keySet()) {
        trueTrees.computeIfAbsent(trueRoot(id), root -> new HashSet<>()).add(id);
        shownTrees.computeIfAbsent(spans.get(id).traceId(), trace -> new HashSet<>()).add(id);
      }
      long exact =
          trueTrees.values().stream()
              .filter(tree -> tree.equals(shownTrees.get(spans.get(tree.iterator().next()).traceId())))
              .filter(tree -> tree.stream().allMatch(id -> Objects.equals(truth.get(id), parentInZipkin(id))))
              .count();
      return (double) exact / trueTrees.size();
    }

    long trueTrees() {
      return truth.values().stream().filter(Objects::isNull).count();
    }

    /** Caller service -> callee service over the true links, and from the client to each root. */
    Set<String> trueServiceEdges() {
      Set<String> edges = new TreeSet<>();
      for (String id : truth.keySet()) {
        String parent = truth.get(id);
        String caller = parent == null ? spans.get(id).remoteEndpoint().serviceName() : addressOf.get(parent);
        edges.add(service(caller) + " -> " + service(addressOf.get(id)));
      }
      return edges;
    }

    /** The trace with the most calls Zipkin shows, for the screenshot. */
    String sampleTraceId() {
      return sample().traceId();
    }

    /** The services of the sample trace's spans. */
    Set<String> sampleServices() {
      Set<String> services = new TreeSet<>();
      spans.values().stream()
          .filter(span -> span.traceId().equals(sample().traceId()))
          .forEach(span -> services.add(span.serviceName()));
      return services;
    }

    private Span sample() {
      Map<String, Integer> sizes = new HashMap<>();
      spans.values().forEach(span -> sizes.merge(span.traceId(), 1, Integer::sum));
      return spans.values().stream()
          .filter(span -> span.parentId() == null)
          .max((a, b) -> Integer.compare(sizes.get(a.traceId()), sizes.get(b.traceId())))
          .orElseThrow();
    }

    private String trueRoot(String id) {
      String at = id;
      while (truth.get(at) != null) {
        at = truth.get(at);
      }
      return at;
    }

    private String parentInZipkin(String id) {
      Span span = spans.get(id);
      if (span.parentId() == null) {
        return null;
      }
      return spans.values().stream()
          .filter(other -> other.traceId().equals(span.traceId()) && other.id().equals(span.parentId()))
          .map(other -> other.tag(SpanTags.CALL_ID))
          .findFirst()
          .orElse("not shown");
    }

    @Override
    public String toString() {
      return String.format(
          "%s load: %d calls, %d true trees, %.1f%% of trees exact, %.1f%% of parents right",
          run, truth.size(), trueTrees(), 100 * treesExact(), 100 * parentsRight());
    }
  }
}

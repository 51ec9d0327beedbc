package dev.callchain.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the output and dead-letter topics as they fill, prints each record, and counts; every few
 * seconds it also draws the trace that just finished as a tree.
 */
final class OutputWatcher implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Finished traces kept for the summary. */
  static final int LATEST_TRACES = 3;
  /** A tree at most this often, so that the records stay readable. */
  private static final long TREE_EVERY_NANOS = Duration.ofSeconds(5).toNanos();
  /** A trace whose calls have not come for this long is finished (its calls come within a bundle or two). */
  private static final Duration TRACE_QUIET = Duration.ofSeconds(2);

  private final KafkaConsumer<String, String> consumer;
  private final PrintStream out;
  private final Set<String> linkedIds = ConcurrentHashMap.newKeySet();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong links = new AtomicLong();
  private final TraceTrees traces = new TraceTrees(LATEST_TRACES, TRACE_QUIET);
  private long lastTreeDrawnNanos;
  private volatile long lastOutputNanos = System.nanoTime();
  private volatile boolean running = true;
  private final Thread thread;

  private OutputWatcher(KafkaConsumer<String, String> consumer, PrintStream out) {
    this.consumer = consumer;
    this.out = out;
    this.thread = new Thread(this::watch, "output-watcher");
  }

  static OutputWatcher start(String bootstrapServers, PrintStream out) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG, "callchain-demo-watcher",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(Demo.OUTPUT, Demo.DEAD_LETTERS));
    OutputWatcher watcher = new OutputWatcher(consumer, out);
    watcher.thread.start();
    return watcher;
  }

  private void watch() {
    while (running) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        lastOutputNanos = System.nanoTime();
        if (record.topic().equals(Demo.DEAD_LETTERS)) {
          deadLetters.incrementAndGet();
          out.println("dead letter  " + record.value());
        } else {
          count(record.value());
          out.println("linked       " + record.value());
        }
      }
      drawFinishedTrace();
    }
    consumer.close();
  }

  private void count(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      linkedIds.add(node.get("id").asText());
      links.addAndGet(node.get("parents").size());
      traces.add(node, System.nanoTime());
    } catch (Exception e) {
      out.println("unreadable output: " + json);
    }
  }

  /** Draws the latest trace that just finished, if none was drawn lately. */
  private void drawFinishedTrace() {
    long now = System.nanoTime();
    List<TraceTrees.FinishedTrace> finished = traces.finishQuiet(now);
    if (!finished.isEmpty() && now - lastTreeDrawnNanos > TREE_EVERY_NANOS) {
      lastTreeDrawnNanos = now;
      out.print(Demo.describe(finished.get(finished.size() - 1)));
    }
  }

  /** Waits until at least this many distinct linked ids and dead letters have arrived. */
  boolean awaitCounts(long linked, long dead, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (linkedIds.size() >= linked && deadLetters.get() >= dead) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  long linked() {
    return linkedIds.size();
  }

  /** The latest traces that finished, oldest first, once all output is in: every trace whose root came is. */
  List<TraceTrees.FinishedTrace> latestTraces() {
    traces.finishAll();
    return traces.latest();
  }

  long deadLetters() {
    return deadLetters.get();
  }

  /** Each link counted once, from the child's side. */
  long links() {
    return links.get();
  }

  double secondsToLastOutput(long startedNanos) {
    return (lastOutputNanos - startedNanos) / 1e9;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}

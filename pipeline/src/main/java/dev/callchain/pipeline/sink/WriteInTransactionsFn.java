package dev.callchain.pipeline.sink;

import dev.callchain.pipeline.model.DeadLetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each shard's records in Kafka transactions, one per bundle, and gives back the records
 * the topic refused as dead letters.
 *
 * <p>Why this is exactly once on the FlinkRunner: with {@link RequiresStableInput}, the runner
 * holds a checkpoint's records until the checkpoint is complete, then hands them over in one
 * bundle, in the order it holds them. A restore from that checkpoint hands the same records over
 * again in the same order, with this DoFn's state as it was before it first saw them; so each
 * record gets the same sequence number both times, and the shard's progress in Kafka, committed
 * with its records, says which were written.
 *
 * <p>The runner hands the records over outside its metrics' scope: refusals are counted downstream.
 */
final class WriteInTransactionsFn extends DoFn<KV<Integer, KV<String, byte[]>>, DeadLetter> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteInTransactionsFn.class);

  private final String topic;
  private final String sinkGroup;
  private final String run;
  private final HashMap<String, Object> producerConfig;
  private final HashMap<String, Object> clientConfig;

  /** The sequence number the shard's next record gets. */
  @StateId("nextSequence")
  private final StateSpec<ValueState<Long>> nextSequenceSpec = StateSpecs.value(VarLongCoder.of());

  /** Per shard: its producer, and the last sequence number it must not write again. */
  private transient Map<Integer, OpenShard> shards;
  /** Per shard: the bundle's records to write. */
  private transient Map<Integer, Batch> batches;

  WriteInTransactionsFn(
      String topic, String sinkGroup, String run, Map<String, Object> producerConfig, Map<String, Object> clientConfig) {
    this.topic = topic;
    this.sinkGroup = sinkGroup;
    this.run = run;
    this.producerConfig = new HashMap<>(producerConfig);
    this.clientConfig = new HashMap<>(clientConfig);
  }

  private record OpenShard(ShardProducer producer, long writtenUpTo) {}

  private record Pending(KV<String, byte[]> record, Instant timestamp, BoundedWindow window) {}

  private static final class Batch {
    final List<Pending> records = new ArrayList<>();
    long lastSequence;
  }

  @Setup
  public void setup() {
    shards = new HashMap<>();
    batches = new HashMap<>();
  }

  @RequiresStableInput
  @ProcessElement
  public void processElement(
      @Element KV<Integer, KV<String, byte[]>> element,
      @Timestamp Instant timestamp,
      BoundedWindow window,
      @StateId("nextSequence") ValueState<Long> nextSequence) {
    int shard = element.getKey();
    Long stored = nextSequence.read();
    long sequence = stored == null ? 0 : stored;
    nextSequence.write(sequence + 1);
    OpenShard open = shards.get(shard);
    if (open == null) {
      open = open(shard, stored != null);
      shards.put(shard, open);
    }
    if (sequence <= open.writtenUpTo()) {
      return; // written before a restore, replayed now
    }
    Batch batch = batches.computeIfAbsent(shard, s -> new Batch());
    batch.records.add(new Pending(element.getValue(), timestamp, window));
    batch.lastSequence = sequence;
  }

  private OpenShard open(int shard, boolean hasState) {
    ShardProducer producer = ShardProducer.open(topic, sinkGroup, shard, producerConfig, clientConfig);
    long writtenUpTo = producer.committed().writtenUpTo(run, hasState);
    LOG.info("{} shard {}: written up to sequence number {} ({})", topic, shard, writtenUpTo, producer.committed());
    return new OpenShard(producer, writtenUpTo);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (Map.Entry<Integer, Batch> shard : batches.entrySet()) {
      Batch batch = shard.getValue();
      List<ShardProducer.Refused<Pending>> refused =
          shards
              .get(shard.getKey())
              .producer()
              .write(batch.records, Pending::record, new ShardProgress(run, batch.lastSequence));
      for (ShardProducer.Refused<Pending> one : refused) {
        Pending pending = one.item();
        context.output(SendToKafka.refused(topic, pending.record(), one.reason()), pending.timestamp(), pending.window());
      }
    }
    batches.clear();
  }

  @Teardown
  public void teardown() {
    if (shards != null) {
      shards.values().forEach(open -> open.producer().close());
    }
  }
}

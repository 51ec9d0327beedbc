package dev.callchain.pipeline.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardOfTest {
  /** The bucket java.util.HashMap gives a key in a table of {@code capacity} (a power of two). */
  private static int bucket(String key, int capacity) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (capacity - 1);
  }

  @Test
  void idsOfOneShardSpreadOverTheBucketsOfTheShardsMap() {
    List<List<String>> shards = new ArrayList<>();
    for (int i = 0; i < AssembleByIdFn.SHARDS; i++) {
      shards.add(new ArrayList<>());
    }
    // Simulator-style ids: one run, consecutive numbers, as they wait in a shard's map at once.
    for (int n = 0; n < 200_000; n++) {
      String id = "msg_1764712345_" + n;
      shards.get(AssembleByIdFn.shardOf(id)).add(id);
    }
    for (List<String> shard : shards) {
      // ~780 ids per shard; HashMap sizes the table to 2048 for that many.
      int capacity = Integer.highestOneBit(shard.size() * 4 / 3) * 2;
      BitSet used = new BitSet(capacity);
      shard.forEach(id -> used.set(bucket(id, capacity)));
      // Random keys would fill about 650 of the 2,048 buckets; ids that share their hash's low
      // bits, as a shard of hashCode() mod 256 made them, filled under 300.
      assertTrue(
          used.cardinality() > shard.size() / 2,
          shard.size() + " ids of one shard in only " + used.cardinality() + " buckets");
    }
  }

  @Test
  void everyShardIsInRangeAndUsed() {
    BitSet seen = new BitSet();
    for (int n = 0; n < 100_000; n++) {
      int shard = AssembleByIdFn.shardOf("id" + n);
      assertTrue(shard >= 0 && shard < AssembleByIdFn.SHARDS, "shard " + shard);
      seen.set(shard);
    }
    assertTrue(seen.cardinality() == AssembleByIdFn.SHARDS, seen.cardinality() + " shards used");
  }
}

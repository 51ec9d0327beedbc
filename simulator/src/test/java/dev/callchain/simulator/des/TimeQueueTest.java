package dev.callchain.simulator.des;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeQueueTest {
    private record Entry(double time, int priority, long sequence) {
    }

    private static final Comparator<Entry> EXPECTED_ORDER = Comparator.comparingDouble(Entry::time)
            .thenComparingInt(Entry::priority).thenComparingLong(Entry::sequence);

    @Test
    void itemsComeOutByTimeThenPriorityThenInsertion() {
        TimeQueue<String> queue = new TimeQueue<>();
        queue.add(2, 1, "late");
        queue.add(1, 1, "normal-1");
        queue.add(1, 0, "urgent");
        queue.add(1, 1, "normal-2");
        queue.add(-3.5, 1, "negative");
        List<String> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            out.add(queue.poll());
        }
        assertEquals(List.of("negative", "urgent", "normal-1", "normal-2", "late"), out);
    }

    @Test
    void matchesASortUnderAnInterleavingOfAddsAndPolls() {
        // Many adds land on the time last taken out, which exercises the lanes beside the heap.
        Random random = new Random(7);
        TimeQueue<Entry> queue = new TimeQueue<>();
        List<Entry> pending = new ArrayList<>();
        double now = 0;
        long sequence = 0;
        for (int round = 0; round < 200_000; round++) {
            if (pending.isEmpty() || random.nextInt(100) < 52) {
                double delay = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(5);
                    default -> random.nextDouble() * 50;
                };
                Entry entry = new Entry(now + delay, random.nextInt(3), sequence++);
                queue.add(entry.time(), entry.priority(), entry);
                pending.add(entry);
            } else {
                Entry expected = pending.stream().min(EXPECTED_ORDER).orElseThrow();
                pending.remove(expected);
                assertEquals(expected.time(), queue.peekTime());
                assertEquals(expected, queue.poll());
                now = expected.time();
            }
            assertEquals(pending.size(), queue.size());
            if (pending.size() > 2000) {
                pending.clear();
                while (!queue.isEmpty()) {
                    queue.poll();
                }
            }
        }
        assertTrue(sequence > 100_000);
    }

    @Test
    void priorityMustBeInRange() {
        TimeQueue<String> queue = new TimeQueue<>();
        assertThrows(IllegalArgumentException.class, () -> queue.add(0, -1, "x"));
        assertThrows(IllegalArgumentException.class, () -> queue.add(0, TimeQueue.MAX_PRIORITY + 1, "x"));
    }
}

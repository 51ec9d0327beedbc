package dev.callchain.simulator.des;

import java.util.Arrays;

/**
 * Items ordered by (time, priority, insertion order): the kernel's event queue, also usable
 * for anything else that must come out in time order. Built for speed:
 * <ul>
 * <li>Items added for exactly the time last taken out (zero delays: process starts,
 * triggered events, about half of all events) wait in a first-in-first-out lane per
 * priority, which costs far less than the heap.</li>
 * <li>Everything else is in a 4-ary min-heap whose nodes (time key, order, slot) sit side by
 * side in one primitive array: a node's children share cache lines, and sifting moves no
 * object references (reference stores into a large old array pay the garbage collector's
 * write barrier). Each item is stored once, in a slot.</li>
 * </ul>
 *
 * @param <T> the items
 */
public final class TimeQueue<T> {
    /** Priorities are 0 (first) to this value. */
    public static final int MAX_PRIORITY = 63;
    // Priority sits above the insertion sequence in one long, so one comparison orders both.
    private static final int PRIORITY_SHIFT = 56;
    private static final int ARITY = 4;
    // Per heap node: time key, order, slot.
    private static final int STRIDE = 3;

    private long[] heap = new long[STRIDE * 256];
    private Object[] slots = new Object[256];
    private int[] freeSlots = new int[256];
    private int freeCount;
    private int heapSize;
    private final Lane[] lanes = new Lane[MAX_PRIORITY + 1];
    private long nonEmptyLanes;
    private int laneSize;
    // The time last taken out; no time key equals the initial value.
    private long floorKey = Long.MIN_VALUE;
    private long nextSequence;

    /** Adds an item; among equal times, lower priority values come first, then earlier adds. */
    public void add(double time, int priority, T item) {
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        long timeKey = timeKey(time);
        long order = ((long) priority << PRIORITY_SHIFT) | nextSequence++;
        if (timeKey == floorKey) {
            lane(priority).add(order, item);
            nonEmptyLanes |= 1L << priority;
            laneSize++;
        } else {
            addToHeap(timeKey, order, item);
        }
    }

    public boolean isEmpty() {
        return heapSize == 0 && laneSize == 0;
    }

    public int size() {
        return heapSize + laneSize;
    }

    /** Time of the first item; only valid when not empty. */
    public double peekTime() {
        if (laneSize > 0 && (heapSize == 0 || heap[0] >= floorKey)) {
            return timeOf(floorKey);
        }
        return timeOf(heap[0]);
    }

    /** Removes and returns the first item; only valid when not empty. */
    public T poll() {
        if (nonEmptyLanes != 0) {
            int priority = Long.numberOfTrailingZeros(nonEmptyLanes);
            Lane lane = lanes[priority];
            if (heapSize == 0 || !before(heap[0], heap[1], floorKey, lane.firstOrder())) {
                laneSize--;
                if (lane.count == 1) {
                    nonEmptyLanes &= ~(1L << priority);
                }
                return lane.take();
            }
        }
        return pollHeap();
    }

    private Lane lane(int priority) {
        Lane lane = lanes[priority];
        if (lane == null) {
            lane = new Lane();
            lanes[priority] = lane;
        }
        return lane;
    }

    private void addToHeap(long timeKey, long order, Object item) {
        if (heapSize == slots.length) {
            growHeap();
        }
        int slot = freeCount > 0 ? freeSlots[--freeCount] : heapSize;
        slots[slot] = item;
        int child = heapSize++;
        while (child > 0) {
            int parent = (child - 1) / ARITY;
            if (!before(timeKey, order, heap[STRIDE * parent], heap[STRIDE * parent + 1])) {
                break;
            }
            move(parent, child);
            child = parent;
        }
        put(child, timeKey, order, slot);
    }

    @SuppressWarnings("unchecked")
    private T pollHeap() {
        int firstSlot = (int) heap[2];
        T first = (T) slots[firstSlot];
        slots[firstSlot] = null;
        freeSlots[freeCount++] = firstSlot;
        // Lanes hold items of the floor time; it moves on only once they are empty.
        if (nonEmptyLanes == 0) {
            floorKey = heap[0];
        }
        int last = --heapSize;
        long timeKey = heap[STRIDE * last];
        long order = heap[STRIDE * last + 1];
        long slot = heap[STRIDE * last + 2];
        int parent = 0;
        while (true) {
            int child = ARITY * parent + 1;
            if (child >= last) {
                break;
            }
            int end = Math.min(child + ARITY, last);
            int best = child;
            for (int candidate = child + 1; candidate < end; candidate++) {
                if (before(heap[STRIDE * candidate], heap[STRIDE * candidate + 1],
                        heap[STRIDE * best], heap[STRIDE * best + 1])) {
                    best = candidate;
                }
            }
            if (!before(heap[STRIDE * best], heap[STRIDE * best + 1], timeKey, order)) {
                break;
            }
            move(best, parent);
            parent = best;
        }
        if (last > 0) {
            put(parent, timeKey, order, slot);
        }
        return first;
    }

    private static boolean before(long timeKey, long order, long otherTimeKey, long otherOrder) {
        return timeKey < otherTimeKey || (timeKey == otherTimeKey && order < otherOrder);
    }

    /** A long that orders like the double, negative times included. */
    private static long timeKey(double time) {
        long bits = Double.doubleToRawLongBits(time + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    private static double timeOf(long timeKey) {
        return Double.longBitsToDouble(timeKey ^ ((timeKey >> 63) & Long.MAX_VALUE));
    }

    private void move(int from, int to) {
        System.arraycopy(heap, STRIDE * from, heap, STRIDE * to, STRIDE);
    }

    private void put(int index, long timeKey, long order, long slot) {
        heap[STRIDE * index] = timeKey;
        heap[STRIDE * index + 1] = order;
        heap[STRIDE * index + 2] = slot;
    }

    private void growHeap() {
        int capacity = slots.length * 2;
        heap = Arrays.copyOf(heap, STRIDE * capacity);
        slots = Arrays.copyOf(slots, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    /** A growable ring buffer of items of one priority, in insertion order. */
    private static final class Lane {
        private long[] orders = new long[64];
        private Object[] items = new Object[64];
        private int head;
        private int count;

        void add(long order, Object item) {
            if (count == items.length) {
                grow();
            }
            int tail = (head + count) & (items.length - 1);
            orders[tail] = order;
            items[tail] = item;
            count++;
        }

        long firstOrder() {
            return orders[head];
        }

        @SuppressWarnings("unchecked")
        <T> T take() {
            T item = (T) items[head];
            items[head] = null;
            head = (head + 1) & (items.length - 1);
            count--;
            return item;
        }

        private void grow() {
            long[] newOrders = new long[orders.length * 2];
            Object[] newItems = new Object[items.length * 2];
            for (int i = 0; i < count; i++) {
                int from = (head + i) & (items.length - 1);
                newOrders[i] = orders[from];
                newItems[i] = items[from];
            }
            orders = newOrders;
            items = newItems;
            head = 0;
        }
    }
}

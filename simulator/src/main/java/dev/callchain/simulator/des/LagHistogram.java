package dev.callchain.simulator.des;

/**
 * A compact log-linear histogram of how late events were processed, in microseconds, with
 * about 1.5% precision: exact below 64 µs, then 64 sub-buckets per power of two.
 */
public final class LagHistogram {
    private static final int SUB_BUCKET_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

    private final long[] counts = new long[(Long.SIZE - SUB_BUCKET_BITS + 1) * SUB_BUCKETS];
    private long total;
    private long maxNanos;

    public void record(long lateNanos) {
        long nanos = Math.max(0, lateNanos);
        counts[bucketOf(nanos / 1000)]++;
        total++;
        maxNanos = Math.max(maxNanos, nanos);
    }

    public long count() {
        return total;
    }

    public double maxMillis() {
        return maxNanos / 1e6;
    }

    /** The lag that {@code percentile} percent of events did not exceed (bucket upper bound). */
    public double percentileMillis(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * percentile / 100.0);
        long seen = 0;
        for (int bucket = 0; bucket < counts.length; bucket++) {
            seen += counts[bucket];
            if (seen >= Math.max(1, rank)) {
                return Math.min(upperBoundMicros(bucket) / 1000.0, maxMillis());
            }
        }
        return maxMillis();
    }

    private static int bucketOf(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int shift = exponent - SUB_BUCKET_BITS;
        int sub = (int) (micros >>> shift) & (SUB_BUCKETS - 1);
        return (shift + 1) * SUB_BUCKETS + sub;
    }

    private static double upperBoundMicros(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket + 1;
        }
        int shift = bucket / SUB_BUCKETS - 1;
        long sub = bucket % SUB_BUCKETS;
        return (double) ((SUB_BUCKETS + sub + 1) << shift);
    }
}

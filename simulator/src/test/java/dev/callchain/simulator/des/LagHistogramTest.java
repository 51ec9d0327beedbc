package dev.callchain.simulator.des;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LagHistogramTest {
    @Test
    void reportsMaxAndPercentilesWithinItsPrecision() {
        LagHistogram histogram = new LagHistogram();
        for (int micros = 1; micros <= 1000; micros++) {
            histogram.record(micros * 1000L);
        }
        histogram.record(-5); // early counts as on time
        assertEquals(1001, histogram.count());
        assertEquals(1.0, histogram.maxMillis(), 1e-9);
        assertEquals(0.99, histogram.percentileMillis(99), 0.99 * 0.02);
        assertEquals(0.5, histogram.percentileMillis(50), 0.5 * 0.02);
        assertEquals(0.001, histogram.percentileMillis(0.1), 0.001); // a bucket is 1 µs wide here
    }

    @Test
    void largeLagsKeepTheirMagnitude() {
        LagHistogram histogram = new LagHistogram();
        histogram.record(12_345_000_000L);
        assertEquals(12_345.0, histogram.maxMillis(), 1e-9);
        assertEquals(12_345.0, histogram.percentileMillis(99), 12_345 * 0.02);
    }

    @Test
    void anEmptyHistogramReportsZero() {
        LagHistogram histogram = new LagHistogram();
        assertEquals(0.0, histogram.percentileMillis(99));
        assertEquals(0.0, histogram.maxMillis());
    }
}

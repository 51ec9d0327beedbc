package dev.callchain.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class DeliveryDelayTest {
    private static final int SAMPLES = 100_000;
    private static final int BINS = 10;

    /** p-value of a chi-square goodness-of-fit test against chi-square(df) x scale, in equiprobable bins. */
    private static double goodnessOfFit(double df, double scaleMs, long seed) {
        DelaySettings uncapped = new DelaySettings(df, scaleMs, Double.MAX_VALUE);
        DeliveryDelay delay = new DeliveryDelay(uncapped, new MersenneTwister(seed));
        ChiSquaredDistribution reference = new ChiSquaredDistribution(df);
        double[] upperBounds = new double[BINS];
        for (int bin = 0; bin < BINS - 1; bin++) {
            upperBounds[bin] = reference.inverseCumulativeProbability((bin + 1) / (double) BINS) * scaleMs;
        }
        upperBounds[BINS - 1] = Double.POSITIVE_INFINITY;
        long[] observed = new long[BINS];
        for (int i = 0; i < SAMPLES; i++) {
            double sample = delay.sample();
            int bin = 0;
            while (sample > upperBounds[bin]) {
                bin++;
            }
            observed[bin]++;
        }
        double[] expected = new double[BINS];
        java.util.Arrays.fill(expected, SAMPLES / (double) BINS);
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }

    @Test
    void uncappedDelaysFollowTheScaledChiSquareDistribution() {
        assertTrue(goodnessOfFit(2.0, 1000, 42) > 0.001, "the default df 2, scale 1000 ms");
        assertTrue(goodnessOfFit(0.7, 50, 43) > 0.001, "df below 2");
        assertTrue(goodnessOfFit(5.5, 3, 44) > 0.001, "df above 2");
    }

    @Test
    void delaysAreCappedAtTheMaximum() {
        double max = 3000;
        DeliveryDelay delay = new DeliveryDelay(new DelaySettings(2.0, 1000, max), new MersenneTwister(5));
        int atCap = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double sample = delay.sample();
            assertTrue(sample >= 0 && sample <= max, "delay " + sample);
            if (sample == max) {
                atCap++;
            }
        }
        // P(chi-square(2) > 3) = exp(-1.5) = 0.2231; 5 binomial standard deviations are 0.0066.
        double expected = 1 - new ChiSquaredDistribution(2.0).cumulativeProbability(3.0);
        assertEquals(expected, atCap / (double) SAMPLES, 0.0066);
    }

    @Test
    void aZeroMaximumDeliversAtOnce() {
        DeliveryDelay delay = new DeliveryDelay(new DelaySettings(2.0, 1000, 0), new MersenneTwister(5));
        assertEquals(0.0, delay.sample());
    }
}

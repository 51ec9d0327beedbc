package dev.callchain.simulator.topology;

import org.apache.commons.math3.random.RandomGenerator;

/** How long one call of a service works, drawn from the run's seeded random source. */
public sealed interface WorkTime {
    double drawMs(RandomGenerator random);

    /** Always the same time; draws no random number. */
    record Fixed(double ms) implements WorkTime {
        @Override
        public double drawMs(RandomGenerator random) {
            return ms;
        }
    }

    /** Log-normal: {@code median * e^(sigma * Z)}, Z standard normal, so half the draws lie below the median. */
    record LogNormal(double medianMs, double sigma) implements WorkTime {
        @Override
        public double drawMs(RandomGenerator random) {
            return medianMs * Math.exp(sigma * random.nextGaussian());
        }
    }
}

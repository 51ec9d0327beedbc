package dev.callchain.simulator.model;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/** Draws how long a record travels before it arrives, which makes delivery out of order. */
public final class DeliveryDelay {
    private final GammaDistribution chiSquare;
    private final DelaySettings settings;

    public DeliveryDelay(DelaySettings settings, RandomGenerator random) {
        this.settings = settings;
        // Chi-square(df) is Gamma(df/2, 2), as the prototype drew it. ChiSquaredDistribution
        // itself samples by numerically inverting its CDF, which is about 20 times slower.
        this.chiSquare = new GammaDistribution(random, settings.degreesOfFreedom() / 2, 2,
                GammaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
    }

    /** A delay in milliseconds. */
    public double sample() {
        return Math.min(chiSquare.sample() * settings.scaleMs(), settings.maxMs());
    }
}

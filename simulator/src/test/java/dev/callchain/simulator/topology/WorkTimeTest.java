package dev.callchain.simulator.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

class WorkTimeTest {
    private static final int DRAWS = 20_001;

    @Test
    void logNormalDrawsHaveTheConfiguredMedianAndTheLogNormalMean() {
        WorkTime work = new WorkTime.LogNormal(2.0, 0.5);
        MersenneTwister random = new MersenneTwister(1);
        double[] draws = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = work.drawMs(random);
        }
        Arrays.sort(draws);
        // The sample median's standard error is about 1.25 * 0.5 / sqrt(20001) = 0.44 %; 2 % is wide.
        assertEquals(2.0, draws[DRAWS / 2], 0.04);
        // The mean of a log-normal is median * e^(sigma^2 / 2) = 2 * e^0.125 = 2.266, above the median.
        assertEquals(2.266, Arrays.stream(draws).average().orElseThrow(), 0.045);
    }

    @Test
    void aFixedTimeIsAlwaysTheSame() {
        WorkTime work = new WorkTime.Fixed(3.0);
        MersenneTwister random = new MersenneTwister(1);
        assertEquals(3.0, work.drawMs(random));
        assertEquals(3.0, work.drawMs(random));
    }
}

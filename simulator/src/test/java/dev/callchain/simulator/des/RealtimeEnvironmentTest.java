package dev.callchain.simulator.des;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tolerances are generous: the machine may be busy with other work. */
class RealtimeEnvironmentTest {

    /** A process that wakes up every {@code stepMs} for {@code steps} steps, noting wall times. */
    private static ProcessBody ticker(int steps, double stepMs, List<Long> wallNanos) {
        return new ProcessBody() {
            private int done;

            @Override
            public Event resume(ProcessContext ctx) {
                wallNanos.add(System.nanoTime());
                return done++ < steps ? ctx.env().timeout(stepMs) : null;
            }
        };
    }

    @Test
    void simulatedMillisecondsTakeWallMilliseconds() {
        long start = System.nanoTime();
        RealtimeEnvironment env = new RealtimeEnvironment();
        List<Long> wakeUps = new ArrayList<>();
        env.process(ticker(20, 10, wakeUps));
        env.run();
        double elapsedMs = (System.nanoTime() - start) / 1e6;

        assertEquals(200.0, env.now());
        double earlyMs = RealtimeEnvironment.EARLY_NANOS / 1e6;
        assertTrue(elapsedMs >= 200 - earlyMs && elapsedMs <= 260,
                "200 ms of simulated time took " + elapsedMs + " ms");
        for (int i = 0; i < wakeUps.size(); i++) {
            double sinceStartMs = (wakeUps.get(i) - start) / 1e6;
            assertTrue(sinceStartMs >= i * 10 - earlyMs, "step " + i + " ran at " + sinceStartMs + " ms");
        }
        assertTrue(env.lag().count() >= 21, "every event's lag is recorded");
        assertTrue(env.lag().percentileMillis(99) < 50, "p99 lag " + env.lag().percentileMillis(99) + " ms");
    }

    @Test
    void fallingBehindIsCaughtUpAndRecordedNotFatal() {
        RealtimeEnvironment env = new RealtimeEnvironment();
        List<Long> wakeUps = new ArrayList<>();
        env.process(ctx -> {
            sleep(60); // a step that holds the clock up for 60 ms
            return null;
        });
        env.process(ticker(5, 10, wakeUps));
        long start = System.nanoTime();
        env.run();
        double elapsedMs = (System.nanoTime() - start) / 1e6;

        assertEquals(50.0, env.now());
        assertTrue(elapsedMs >= 59 && elapsedMs < 150, "the late events ran at once: " + elapsedMs + " ms");
        assertTrue(env.lag().maxMillis() >= 5, "max lag " + env.lag().maxMillis() + " ms");
    }

    @Test
    void stopPacingLetsTheRestRunAtOnce() {
        RealtimeEnvironment env = new RealtimeEnvironment();
        env.process(ticker(10, 1000, new ArrayList<>()));
        Thread stopper = new Thread(() -> {
            sleep(50);
            env.stopPacing();
        });
        long start = System.nanoTime();
        stopper.start();
        env.run();
        double elapsedMs = (System.nanoTime() - start) / 1e6;

        assertEquals(10_000.0, env.now());
        assertTrue(elapsedMs < 5_000, "10 s of simulated time after stopPacing took " + elapsedMs + " ms");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

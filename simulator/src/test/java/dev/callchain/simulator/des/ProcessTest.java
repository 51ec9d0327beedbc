package dev.callchain.simulator.des;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTest {
    private final Environment env = new Environment();

    /** Waits {@code delay}, then returns {@code result}. */
    private static ProcessBody worker(double delay, Object result) {
        return new ProcessBody() {
            private boolean waited;

            @Override
            public Event resume(ProcessContext ctx) {
                if (waited) {
                    return ctx.exit(result);
                }
                waited = true;
                return ctx.env().timeout(delay);
            }
        };
    }

    /** Fails after {@code delay}. */
    private static ProcessBody failing(double delay, RuntimeException failure) {
        return new ProcessBody() {
            private boolean waited;

            @Override
            public Event resume(ProcessContext ctx) {
                if (waited) {
                    throw failure;
                }
                waited = true;
                return ctx.env().timeout(delay);
            }
        };
    }

    @Test
    void aProcessWaitsOnEventsInSequence() {
        List<Double> wakeUps = new ArrayList<>();
        env.process(new ProcessBody() {
            private int step;

            @Override
            public Event resume(ProcessContext ctx) {
                wakeUps.add(ctx.env().now());
                return step++ < 3 ? ctx.env().timeout(10) : null;
            }
        });
        env.run();
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0), wakeUps);
    }

    @Test
    void aProcessReceivesTheValueOfANestedProcess() {
        List<Object> received = new ArrayList<>();
        Process parent = env.process(new ProcessBody() {
            private boolean waited;

            @Override
            public Event resume(ProcessContext ctx) {
                if (waited) {
                    received.add(ctx.received());
                    received.add(ctx.env().now());
                    return ctx.exit("parent done");
                }
                waited = true;
                return ctx.env().process(worker(7, "child result"));
            }
        });
        env.run();
        assertEquals(List.of("child result", 7.0), received);
        assertEquals("parent done", parent.value());
        assertFalse(parent.isAlive());
        assertNull(parent.target());
    }

    @Test
    void waitingOnAProcessedEventResumesAtOnce() {
        Timeout done = env.timeout(1, "early");
        env.run();
        List<Object> seen = new ArrayList<>();
        env.process(new ProcessBody() {
            private boolean waited;

            @Override
            public Event resume(ProcessContext ctx) {
                if (waited) {
                    seen.add(ctx.received());
                    seen.add(ctx.env().now());
                    return null;
                }
                waited = true;
                return done;
            }
        });
        env.run();
        assertEquals(List.of("early", 1.0), seen);
    }

    @Test
    void aFailureIsThrownIntoTheWaitingProcess() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Object> caught = new ArrayList<>();
        Process parent = env.process(new ProcessBody() {
            private boolean waited;

            @Override
            public Event resume(ProcessContext ctx) {
                waited = true;
                return ctx.env().process(failing(5, boom));
            }

            @Override
            public Event onFailure(ProcessContext ctx, RuntimeException failure) {
                assertTrue(waited);
                caught.add(failure);
                caught.add(ctx.env().now());
                return ctx.exit("recovered");
            }
        });
        env.run();
        assertEquals(List.of(boom, 5.0), caught);
        assertEquals("recovered", parent.value());
    }

    @Test
    void anUnhandledFailurePropagatesThroughWaitersAndOutOfRun() {
        IllegalStateException boom = new IllegalStateException("boom");
        Process grandparent = env.process(ctx -> ctx.env().process(ctx2 -> ctx2.env().process(failing(3, boom))));
        RuntimeException thrown = assertThrows(RuntimeException.class, env::run);
        assertSame(boom, thrown);
        assertEquals(3.0, env.now());
        assertFalse(grandparent.isOk());
        assertSame(boom, grandparent.failure());
    }

    @Test
    void aFailureNobodyWaitsOnStopsTheRun() {
        IllegalArgumentException boom = new IllegalArgumentException("nobody listens");
        env.process(failing(2, boom));
        assertSame(boom, assertThrows(IllegalArgumentException.class, env::run));
    }

    @Test
    void aFailedEventWithoutWaiterStopsTheRunButADefusedOneDoesNot() {
        RuntimeException ignored = new RuntimeException("defused");
        Event defused = env.event().fail(ignored);
        defused.defuse();
        env.run();
        assertSame(ignored, defused.failure());

        RuntimeException boom = new RuntimeException("not defused");
        env.event().fail(boom);
        assertSame(boom, assertThrows(RuntimeException.class, env::run));
    }

    @Test
    void aProcessStartsAfterItsCreatorsStepAtTheSameTime() {
        List<String> order = new ArrayList<>();
        env.process(ctx -> {
            ctx.env().process(child -> {
                order.add("child@" + child.env().now());
                return null;
            });
            order.add("parent");
            return null;
        });
        env.run();
        assertEquals(List.of("parent", "child@0.0"), order);
    }
}

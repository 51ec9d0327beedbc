package dev.callchain.simulator.des;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
    private final Environment env = new Environment();
    private final List<String> log = new ArrayList<>();

    private void logWhenProcessed(Event event, String name) {
        event.addCallback(e -> log.add(name + "@" + env.now()));
    }

    @Test
    void timeoutsFireInTimeOrderAndAdvanceTheClock() {
        logWhenProcessed(env.timeout(30), "c");
        logWhenProcessed(env.timeout(10), "a");
        logWhenProcessed(env.timeout(20), "b");
        env.run();
        assertEquals(List.of("a@10.0", "b@20.0", "c@30.0"), log);
        assertEquals(30.0, env.now());
    }

    @Test
    void simultaneousEventsRunByPriorityThenInsertionOrder() {
        logWhenProcessed(env.timeout(5), "timeout-1");
        logWhenProcessed(env.timeout(5), "timeout-2");
        env.process(ctx -> {
            if (ctx.env().now() == 0) {
                return ctx.env().timeout(5);
            }
            // Queued at 5: first a normal event, then a child's start, which is urgent.
            Event normal = ctx.env().event();
            logWhenProcessed(normal, "succeeded");
            normal.succeed(null);
            logWhenProcessed(ctx.env().process(child -> {
                log.add("child-started@" + child.env().now());
                return null;
            }), "child-finished");
            return null;
        });
        logWhenProcessed(env.timeout(5), "timeout-3");
        env.run();
        // The three timeouts were queued for 5 before the process's own, so they come first,
        // in insertion order. Then the urgent start overtakes the normal event queued before it.
        assertEquals(List.of("timeout-1@5.0", "timeout-2@5.0", "timeout-3@5.0", "child-started@5.0",
                "succeeded@5.0", "child-finished@5.0"), log);
    }

    @Test
    void urgentEventsPrecedeNormalOnesDueAtTheSameTime() {
        Event normal = env.event();
        logWhenProcessed(normal, "normal");
        normal.succeed(null);
        Event urgent = new Event(env);
        urgent.trigger(true, null);
        logWhenProcessed(urgent, "urgent");
        env.schedule(urgent, Priority.URGENT, 0);
        env.run();
        assertEquals(List.of("urgent@0.0", "normal@0.0"), log);
    }

    @Test
    void runUntilStopsAtThatTimeBeforeNormalEventsDueThen() {
        logWhenProcessed(env.timeout(5), "early");
        logWhenProcessed(env.timeout(10), "at-until");
        logWhenProcessed(env.timeout(15), "late");
        env.run(10);
        assertEquals(10.0, env.now());
        assertEquals(List.of("early@5.0"), log);
        env.run();
        assertEquals(List.of("early@5.0", "at-until@10.0", "late@15.0"), log);
    }

    @Test
    void runUntilAdvancesTheClockEvenWithoutEvents() {
        env.run(42.5);
        assertEquals(42.5, env.now());
    }

    @Test
    void runUntilMustLieInTheFuture() {
        env.run(10);
        assertThrows(IllegalArgumentException.class, () -> env.run(10));
    }

    @Test
    void stepReportsAnEmptyQueue() {
        assertFalse(env.step());
        assertEquals(Double.POSITIVE_INFINITY, env.peek());
    }

    @Test
    void eventsCannotBeTriggeredTwice() {
        Event event = env.event().succeed(1);
        assertThrows(IllegalStateException.class, () -> event.succeed(2));
        assertThrows(IllegalStateException.class, () -> event.fail(new RuntimeException()));
    }

    @Test
    void negativeDelaysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> env.timeout(-1));
    }

    @Test
    void timeoutCarriesItsValue() {
        Timeout timeout = env.timeout(3, "payload");
        env.run();
        assertEquals("payload", timeout.value());
        assertEquals(3.0, timeout.delay());
    }
}

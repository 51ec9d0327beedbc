package dev.callchain.simulator.des;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private final Environment env = new Environment();

    private static void recordWhenProcessed(Event event, Environment env, List<Double> times) {
        event.addCallback(e -> times.add(env.now()));
    }

    @Test
    void allOfSucceedsWhenTheLastEventHasWithEveryValueInOrder() {
        Timeout slow = env.timeout(30, "slow");
        Timeout fast = env.timeout(10, "fast");
        AllOf both = env.allOf(slow, fast);
        List<Double> times = new ArrayList<>();
        recordWhenProcessed(both, env, times);
        env.run();
        assertEquals(List.of(30.0), times);
        assertEquals(List.of(slow, fast), List.copyOf(((Map<?, ?>) both.value()).keySet()));
        assertEquals(List.of("slow", "fast"), List.copyOf(((Map<?, ?>) both.value()).values()));
    }

    @Test
    void anyOfSucceedsWithTheFirstEvent() {
        Timeout slow = env.timeout(30, "slow");
        Timeout fast = env.timeout(10, "fast");
        AnyOf either = env.anyOf(slow, fast);
        List<Double> times = new ArrayList<>();
        recordWhenProcessed(either, env, times);
        env.run();
        assertEquals(List.of(10.0), times);
        assertEquals(Map.of(fast, "fast"), either.value());
    }

    @Test
    void anyOfIncludesEveryEventProcessedByThen() {
        Timeout first = env.timeout(10, "first");
        Timeout second = env.timeout(10, "second");
        AnyOf either = env.anyOf(first, second);
        env.run();
        // The condition is processed after both same-time timeouts, so its value holds both.
        assertEquals(List.of("first", "second"), List.copyOf(((Map<?, ?>) either.value()).values()));
    }

    @Test
    void emptyConditionsSucceedAtOnce() {
        AllOf all = env.allOf();
        AnyOf any = env.anyOf();
        env.run();
        assertEquals(0.0, env.now());
        assertEquals(Map.of(), all.value());
        assertEquals(Map.of(), any.value());
    }

    @Test
    void conditionsOverAlreadyProcessedEventsSucceed() {
        Timeout done = env.timeout(5, "done");
        env.run();
        AllOf all = env.allOf(done);
        env.run();
        assertEquals(Map.of(done, "done"), all.value());
        assertEquals(5.0, env.now());
    }

    @Test
    void aFailingEventFailsTheConditionAndReachesTheWaitingProcess() {
        RuntimeException boom = new RuntimeException("boom");
        Event failing = env.event();
        Timeout later = env.timeout(20);
        List<Object> caught = new ArrayList<>();
        env.process(new ProcessBody() {
            @Override
            public Event resume(ProcessContext ctx) {
                return ctx.env().allOf(failing, later);
            }

            @Override
            public Event onFailure(ProcessContext ctx, RuntimeException failure) {
                caught.add(failure);
                caught.add(ctx.env().now());
                return null;
            }
        });
        env.process(ctx -> {
            if (ctx.env().now() == 0) {
                return ctx.env().timeout(5);
            }
            failing.fail(boom);
            return null;
        });
        env.run();
        assertEquals(List.of(boom, 5.0), caught);
        assertEquals(20.0, env.now());
    }

    @Test
    void aFailedConditionNobodyWaitsOnStopsTheRun() {
        RuntimeException boom = new RuntimeException("boom");
        env.anyOf(env.timeout(5), env.event().fail(boom));
        RuntimeException thrown = assertThrows(RuntimeException.class, env::run);
        assertSame(boom, thrown);
        assertTrue(env.now() < 5);
    }
}

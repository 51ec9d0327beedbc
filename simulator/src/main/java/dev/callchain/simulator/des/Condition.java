package dev.callchain.simulator.des;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event that waits on other events. Its value is an ordered map from each sub-event that
 * had been processed when the condition was processed to that sub-event's value. A failing
 * sub-event fails the condition with the same error.
 */
public abstract class Condition extends Event {
    private final List<Event> events;
    private final EventCallback check = this::check;
    private int processedCount;

    Condition(Environment env, Event... events) {
        super(env);
        this.events = List.of(events);
        for (Event event : this.events) {
            if (event.env != env) {
                throw new IllegalArgumentException("a condition cannot mix environments");
            }
        }
        // The value is built when the condition itself is processed, as in SimPy.
        addCallback(self -> buildValue());
        if (this.events.isEmpty()) {
            succeed(null);
            return;
        }
        for (Event event : this.events) {
            if (event.isProcessed()) {
                check(event);
            } else {
                event.addCallback(check);
            }
        }
    }

    /** Whether the condition holds once {@code processed} of {@code total} events happened. */
    protected abstract boolean isSatisfied(int processed, int total);

    private void check(Event event) {
        if (isTriggered()) {
            return;
        }
        processedCount++;
        if (!event.isOk()) {
            event.defuse();
            fail(event.failure());
        } else if (isSatisfied(processedCount, events.size())) {
            succeed(null);
        }
    }

    private void buildValue() {
        Map<Event, Object> values = new LinkedHashMap<>();
        for (Event event : events) {
            if (event.isProcessed()) {
                if (event.isOk()) {
                    values.put(event, event.value());
                }
            } else {
                event.removeCallback(check);
            }
        }
        if (isOk()) {
            replaceValue(Collections.unmodifiableMap(values));
        }
    }
}

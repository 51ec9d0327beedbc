package dev.callchain.simulator.des;

/** Code run when an event is processed. */
@FunctionalInterface
public interface EventCallback {
    void onEvent(Event event);
}

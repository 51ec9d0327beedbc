package dev.callchain.simulator.model;

/** Delivery delay: chi-square({@code degreesOfFreedom}) times {@code scaleMs}, capped at {@code maxMs}. */
public record DelaySettings(double degreesOfFreedom, double scaleMs, double maxMs) {
    /** The prototype's defaults. */
    public static final DelaySettings DEFAULT = new DelaySettings(2.0, 1000, 30000);
}

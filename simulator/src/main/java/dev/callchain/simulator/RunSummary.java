package dev.callchain.simulator;

import java.time.Duration;
import java.util.Locale;

/**
 * What a run did.
 *
 * @param traces      traces completed
 * @param records     records generated
 * @param recordsSent records the destination accepted (Kafka acknowledged, or written)
 * @param sendErrors  records the destination refused
 * @param lag         pacing lag of a real-time run; null in fast mode
 */
public record RunSummary(long traces, long records, long recordsSent, long sendErrors, Duration elapsed,
                         PacingLag lag) {

    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? records / seconds : 0;
    }

    public String format() {
        StringBuilder text = new StringBuilder()
                .append("Simulation summary\n")
                .append(line("traces", String.valueOf(traces)))
                .append(line("records", String.valueOf(records)))
                .append(line("records sent", String.valueOf(recordsSent)))
                .append(line("send errors", String.valueOf(sendErrors)))
                .append(line("elapsed", String.format(Locale.ROOT, "%.3f s", elapsed.toNanos() / 1e9)))
                .append(line("records/s", String.format(Locale.ROOT, "%.0f", recordsPerSecond())));
        if (lag != null) {
            text.append(line("pacing lag", String.format(Locale.ROOT, "max %.3f ms, p99 %.3f ms over %d events",
                    lag.maxMs(), lag.p99Ms(), lag.events())));
        }
        return text.toString();
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "  %-13s %s%n", label + ":", value);
    }
}

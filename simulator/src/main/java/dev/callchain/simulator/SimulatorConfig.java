package dev.callchain.simulator;

import dev.callchain.simulator.model.Client;
import dev.callchain.simulator.model.DelaySettings;
import dev.callchain.simulator.model.IdScheme;
import dev.callchain.simulator.output.KafkaTarget;
import dev.callchain.simulator.topology.Topology;

/**
 * Everything one simulation run needs. Built by {@link SimulatorOptions} from the command
 * line and environment.
 *
 * @param count         traces to generate, or {@link Client#UNLIMITED} to run until stopped
 * @param baseTimeMs    epoch milliseconds of simulated time 0; null for the wall clock at start
 * @param out           JSON Lines destination instead of Kafka ("-" = stdout); null for none
 * @param truth         ground-truth destination ("-" = stdout); null for none
 * @param progressEvery a progress line every this many requests; 0 for none
 * @param topology      the services and their calls from {@code --topology}; null for the default model
 */
public record SimulatorConfig(
        long count,
        double intervalMs,
        double stdDevMs,
        boolean realtime,
        long seed,
        int ipPoolSize,
        DelaySettings delay,
        Long baseTimeMs,
        IdScheme ids,
        boolean printMessages,
        boolean debug,
        String out,
        String truth,
        KafkaTarget kafka,
        long progressEvery,
        Topology topology) {

    public boolean streaming() {
        return count == Client.UNLIMITED;
    }

    /** Records go to Kafka unless written to a file or in debug mode. */
    public boolean usesKafka() {
        return out == null && !debug;
    }
}

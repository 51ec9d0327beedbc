package dev.callchain.simulator;

import dev.callchain.simulator.model.Client;
import dev.callchain.simulator.model.DelaySettings;
import dev.callchain.simulator.model.IdScheme;
import dev.callchain.simulator.output.KafkaTarget;
import dev.callchain.simulator.topology.BadTopologyException;
import dev.callchain.simulator.topology.Topology;
import dev.callchain.simulator.topology.TopologyFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of the simulator (SPEC section 5): the one place that
 * knows each option's name, help text, default and validation. An option overrides its
 * environment variable, which overrides the default.
 */
public final class SimulatorOptions {
    private static final double DEFAULT_INTERVAL_MS = 1000;
    private static final long DEFAULT_SEED = 42;
    private static final int DEFAULT_PARTITIONS = 5;
    private static final long DEFAULT_PROGRESS_EVERY = 100;
    private static final String DEFAULT_TOPIC = "test-topic";
    private static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    private static final int DEFAULT_IP_POOL_SIZE = 10;

    private static final int HELP_INDENT = 23;
    private static final int HELP_WIDTH = 100 - HELP_INDENT;

    private static final List<Option> OPTIONS = List.of(
            new Option("--count", "N", "generate N traces, then deliver, flush and exit"
                    + " (default: none, which streams like --stream, as the prototype did)",
                    (s, v) -> s.count = wholeNumber("--count", v, 0)),
            new Option("--stream", null, "run until Ctrl-C / SIGTERM; overrides --count",
                    (s, v) -> s.stream = true),
            new Option("--realtime", null, "pace against the wall clock, 1 time unit = 1 ms"
                    + " (default: as fast as the machine allows)",
                    (s, v) -> s.realtime = true),
            new Option("--interval", "MS", "mean interval between requests, fractions allowed"
                    + " (default " + (long) DEFAULT_INTERVAL_MS + ")",
                    (s, v) -> s.intervalMs = number("--interval", v, 0)),
            new Option("--std-dev", "MS", "standard deviation of the interval (Gaussian, clamped at 0);"
                    + " 0 = no jitter (default 0)",
                    (s, v) -> s.stdDevMs = number("--std-dev", v, 0)),
            new Option("--ip-pool-size", "N", "addresses per service of the default model"
                    + " (default $SIMPY_IP_POOL_SIZE or " + DEFAULT_IP_POOL_SIZE + ")",
                    (s, v) -> s.ipPoolSize = (int) wholeNumber("--ip-pool-size", v, 1, Integer.MAX_VALUE)),
            new Option("--seed", "N", "random seed; the same seed gives the same records (default "
                    + DEFAULT_SEED + ")",
                    (s, v) -> s.seed = wholeNumber("--seed", v, Long.MIN_VALUE)),
            new Option("--print-msg", null, "print every record to stdout as it is generated",
                    (s, v) -> s.printMessages = true),
            new Option("--debug", null, "do not use Kafka: records are only printed (--print-msg)"
                    + " or written (--out)",
                    (s, v) -> s.debug = true),
            new Option("--out", "FILE", "write records as JSON Lines to FILE ('-' = stdout) instead of Kafka",
                    (s, v) -> s.out = v),
            new Option("--truth", "FILE", "write the ground truth {id, parent_id, trace_id} as JSON Lines"
                    + " ('-' = stdout)",
                    (s, v) -> s.truth = v),
            new Option("--topic", "NAME", "Kafka topic (default $KAFKA_TOPIC or " + DEFAULT_TOPIC + ")",
                    (s, v) -> s.topic = text("--topic", v)),
            new Option("--bootstrap", "HOSTS", "Kafka bootstrap servers (default $KAFKA_BOOTSTRAP or "
                    + DEFAULT_BOOTSTRAP + ")",
                    (s, v) -> s.bootstrap = text("--bootstrap", v)),
            new Option("--partitions", "N", "partitions of the topic when it has to be created (default "
                    + DEFAULT_PARTITIONS + ")",
                    (s, v) -> s.partitions = (int) wholeNumber("--partitions", v, 1, Integer.MAX_VALUE)),
            new Option("--id-prefix", "P", "record ids P<n> and trace ids trace_<n>; 'msg_' gives the"
                    + " prototype's ids (default msg_<run>_<n> and trace_<run>_<n>, unique across runs)",
                    (s, v) -> s.idPrefix = v),
            new Option("--base-time-ms", "MS", "epoch ms of simulated time 0; 0 gives the prototype's"
                    + " non-realtime numbers (default: the wall clock at start)",
                    (s, v) -> s.baseTimeMs = wholeNumber("--base-time-ms", v, 0)),
            new Option("--progress-every", "N", "a progress line on stderr every N requests; 0 = none"
                    + " (default " + DEFAULT_PROGRESS_EVERY + ")",
                    (s, v) -> s.progressEvery = wholeNumber("--progress-every", v, 0)),
            new Option("--topology", "FILE", "simulate the services of a JSON file instead of the default model:"
                    + " {\"entry\": SERVICE, \"services\": {NAME: {\"instances\": N, \"work_ms\": {\"fixed\": MS} or"
                    + " {\"lognormal\": {\"median\": MS, \"sigma\": S}}, \"calls\": {\"mode\": \"sequential\" or"
                    + " \"parallel\", \"gap_us\": US, \"to\": [{\"service\": NAME, \"times\": N}]}}},"
                    + " \"clock_offset_ms\": {\"max\": MS, \"hosts\": {IP: MS}}}. A call works, then makes its calls"
                    + " (sequential: each gap_us after the previous returned). The client is 10.0.0.0; instance i of"
                    + " the k-th service is 10.k.0.i, picked per call. Each host's clock is off by a fixed offset,"
                    + " uniform in [-max, max] unless given; the caller's host logs a call, so its offset shifts the"
                    + " logged times. Records then also carry start_at_us and end_at_us. See"
                    + " simulator/topologies/boutique-like.json",
                    (s, v) -> s.topology = topology(v)),
            new Option("--help", null, "show this text", (s, v) -> {
            }));

    private SimulatorOptions() {
    }

    public static boolean wantsHelp(String... args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    public static SimulatorConfig parse(String[] args, Map<String, String> env) throws UsageException {
        Settings settings = new Settings(env);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            Option option = find(name);
            String value = null;
            if (option.argument != null) {
                if (equals > 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException(name + " needs a value (" + option.argument + ")");
                }
            } else if (equals > 0) {
                throw new UsageException(name + " takes no value");
            }
            option.setter.apply(settings, value);
        }
        return settings.toConfig();
    }

    public static String usage() {
        StringBuilder text = new StringBuilder()
                .append("Usage: java -jar callchain-simulator.jar [options]\n\n")
                .append("Simulates client requests through the services Main -> (Sub1 || Sub2 -> Sub3), or through\n")
                .append("those of --topology FILE, and sends one JSON log record per completed call to Kafka, or\n")
                .append("writes them with --out.\n\n")
                .append("Options:\n");
        for (Option option : OPTIONS) {
            String left = option.argument == null ? option.name : option.name + " " + option.argument;
            text.append(String.format("  %-20s ", left)).append(wrap(option.help)).append('\n');
        }
        return text.append("\nEnvironment (delivery delay of each record, which makes delivery out of order):\n")
                .append("  SIMPY_DELAY_CHISQ_DF (default ").append(plain(DelaySettings.DEFAULT.degreesOfFreedom()))
                .append("), SIMPY_DELAY_SCALE_MS (").append(plain(DelaySettings.DEFAULT.scaleMs()))
                .append("), SIMPY_MAX_DELAY_MS (").append(plain(DelaySettings.DEFAULT.maxMs())).append("):\n")
                .append("  a record arrives chi-square(df) x scale ms after its call completes, at most max ms.\n")
                .append("  Also KAFKA_TOPIC, KAFKA_BOOTSTRAP, SIMPY_IP_POOL_SIZE as above.\n")
                .append("\nExit status: 0 done (also after Ctrl-C), 1 failure (e.g. Kafka unreachable,"
                        + " send errors), 2 bad usage.\n")
                .toString();
    }

    /** Breaks a help text into lines that fit beside the option column. */
    private static String wrap(String help) {
        StringBuilder wrapped = new StringBuilder();
        int lineLength = 0;
        for (String word : help.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > HELP_WIDTH) {
                wrapped.append('\n').append(" ".repeat(HELP_INDENT));
                lineLength = 0;
            } else if (lineLength > 0) {
                wrapped.append(' ');
                lineLength++;
            }
            wrapped.append(word);
            lineLength += word.length();
        }
        return wrapped.toString();
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    private static Option find(String name) throws UsageException {
        for (Option option : OPTIONS) {
            if (option.name.equals(name)) {
                return option;
            }
        }
        throw new UsageException("unknown option: " + name);
    }

    private static long wholeNumber(String what, String text, long min) throws UsageException {
        return wholeNumber(what, text, min, Long.MAX_VALUE);
    }

    private static long wholeNumber(String what, String text, long min, long max) throws UsageException {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw new UsageException(what + ": expected a whole number"
                + (min == Long.MIN_VALUE ? "" : " >= " + min)
                + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "" : " <= " + max)
                + ", got '" + text + "'");
    }

    private static double number(String what, String text, double min) throws UsageException {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value) && value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw new UsageException(what + ": expected a number >= " + min + ", got '" + text + "'");
    }

    private static double positiveNumber(String what, String text) throws UsageException {
        double value = number(what, text, 0);
        if (value == 0) {
            throw new UsageException(what + ": expected a number > 0, got '" + text + "'");
        }
        return value;
    }

    private static Topology topology(String file) throws UsageException {
        try {
            return TopologyFile.read(Path.of(file));
        } catch (BadTopologyException e) {
            throw new UsageException("--topology " + file + ": " + e.getMessage());
        }
    }

    private static String text(String what, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(what + ": must not be empty");
        }
        return value;
    }

    @FunctionalInterface
    private interface Setter {
        void apply(Settings settings, String value) throws UsageException;
    }

    /** {@code argument} is the value's name, or null for a switch. */
    private record Option(String name, String argument, String help, Setter setter) {
    }

    /** The values being collected, starting from the environment and the defaults. */
    private static final class Settings {
        private final Map<String, String> env;
        Long count;
        boolean stream;
        boolean realtime;
        double intervalMs = DEFAULT_INTERVAL_MS;
        double stdDevMs;
        int ipPoolSize;
        long seed = DEFAULT_SEED;
        boolean printMessages;
        boolean debug;
        String out;
        String truth;
        String topic;
        String bootstrap;
        int partitions = DEFAULT_PARTITIONS;
        String idPrefix;
        Long baseTimeMs;
        long progressEvery = DEFAULT_PROGRESS_EVERY;
        Topology topology;

        Settings(Map<String, String> env) throws UsageException {
            this.env = env;
            topic = text("KAFKA_TOPIC", env.getOrDefault("KAFKA_TOPIC", DEFAULT_TOPIC));
            bootstrap = text("KAFKA_BOOTSTRAP", env.getOrDefault("KAFKA_BOOTSTRAP", DEFAULT_BOOTSTRAP));
            ipPoolSize = (int) wholeNumber("SIMPY_IP_POOL_SIZE",
                    env.getOrDefault("SIMPY_IP_POOL_SIZE", String.valueOf(DEFAULT_IP_POOL_SIZE)), 1, Integer.MAX_VALUE);
        }

        SimulatorConfig toConfig() throws UsageException {
            DelaySettings delay = new DelaySettings(
                    positiveNumber("SIMPY_DELAY_CHISQ_DF", envOr("SIMPY_DELAY_CHISQ_DF",
                            DelaySettings.DEFAULT.degreesOfFreedom())),
                    number("SIMPY_DELAY_SCALE_MS", envOr("SIMPY_DELAY_SCALE_MS", DelaySettings.DEFAULT.scaleMs()), 0),
                    number("SIMPY_MAX_DELAY_MS", envOr("SIMPY_MAX_DELAY_MS", DelaySettings.DEFAULT.maxMs()), 0));
            long traces = stream || count == null ? Client.UNLIMITED : count;
            IdScheme ids = idPrefix == null ? IdScheme.unique() : IdScheme.withPrefix(idPrefix);
            return new SimulatorConfig(traces, intervalMs, stdDevMs, realtime, seed, ipPoolSize, delay,
                    baseTimeMs, ids, printMessages, debug, out, truth,
                    new KafkaTarget(bootstrap, topic, partitions), progressEvery, topology);
        }

        private String envOr(String name, double fallback) {
            return env.getOrDefault(name, String.valueOf(fallback));
        }
    }
}

package dev.callchain.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The command line: parse, run, print the summary, exit (0 done, 1 failed, 2 bad usage). */
public final class SimulatorMain {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (SimulatorOptions.wantsHelp(args)) {
            out.print(SimulatorOptions.usage());
            return OK;
        }
        SimulatorConfig config;
        try {
            config = SimulatorOptions.parse(args, env);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(SimulatorOptions.usage());
            return BAD_USAGE;
        }
        Simulator simulator = new Simulator(config, out, err);
        GracefulShutdown shutdown = GracefulShutdown.install(simulator);
        int status = FAILED;
        try {
            RunSummary summary = simulator.run();
            out.flush();
            err.print(summary.format());
            status = summary.sendErrors() == 0 ? OK : FAILED;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
        } finally {
            shutdown.finish(status);
        }
        return status;
    }
}

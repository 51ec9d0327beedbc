package dev.callchain.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * Ctrl-C / SIGTERM stop the simulator instead of killing it: the hook asks the run to stop,
 * waits until it has delivered, flushed and printed its summary, then ends the JVM with the
 * run's exit status (0 when all went well) rather than the signal's.
 */
final class GracefulShutdown {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile int exitStatus = 1;

    private GracefulShutdown(Simulator simulator) {
        hook = new Thread(() -> {
            simulator.stop();
            awaitFinish();
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exitStatus);
        }, "simulator-shutdown");
    }

    static GracefulShutdown install(Simulator simulator) {
        GracefulShutdown shutdown = new GracefulShutdown(simulator);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /** The run is over; a hook already running ends the JVM with {@code status}. */
    void finish(int status) {
        exitStatus = status;
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running and exits with our status.
        }
    }

    private void awaitFinish() {
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

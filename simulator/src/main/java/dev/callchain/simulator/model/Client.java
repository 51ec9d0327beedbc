package dev.callchain.simulator.model;

import dev.callchain.simulator.des.Event;
import dev.callchain.simulator.des.ProcessBody;
import dev.callchain.simulator.des.ProcessContext;
import java.util.function.LongConsumer;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The one client: from one address, chosen once per run, it sends a request, waits an
 * interval (mean plus Gaussian jitter, clamped at 0), and repeats, for {@code count}
 * requests or until stopped. No wait follows the last request, as in the prototype.
 */
public final class Client implements ProcessBody {
    /** {@code count} for a client that runs until {@link #stop()}. */
    public static final long UNLIMITED = -1;

    private final TraceStarter traces;
    private final RandomGenerator random;
    private final IdScheme ids;
    private final long count;
    private final double intervalMs;
    private final double stdDevMs;
    private final LongConsumer onRequest;
    private final String address;
    private volatile boolean stopped;
    private long sent;

    public Client(TraceStarter traces, RandomGenerator random, IdScheme ids, long count, double intervalMs,
                  double stdDevMs, LongConsumer onRequest) {
        this.traces = traces;
        this.random = random;
        this.ids = ids;
        this.count = count;
        this.intervalMs = intervalMs;
        this.stdDevMs = stdDevMs;
        this.onRequest = onRequest;
        this.address = traces.pickClientAddress();
    }

    @Override
    public Event resume(ProcessContext ctx) {
        if (stopped || sent == count) {
            return null;
        }
        traces.startTrace(ids.traceId(++sent), address);
        onRequest.accept(sent);
        return sent == count ? null : ctx.env().timeout(nextInterval());
    }

    /** Sends no further request; safe from any thread. */
    public void stop() {
        stopped = true;
    }

    private double nextInterval() {
        // The prototype draws no random number when there is no jitter; neither do we.
        if (stdDevMs <= 0) {
            return intervalMs;
        }
        return Math.max(0, intervalMs + stdDevMs * random.nextGaussian());
    }
}

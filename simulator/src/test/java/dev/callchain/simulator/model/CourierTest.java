package dev.callchain.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.simulator.des.Environment;
import dev.callchain.simulator.des.Event;
import dev.callchain.simulator.des.ProcessBody;
import dev.callchain.simulator.des.ProcessContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CourierTest {
    private final Environment env = new Environment();
    private final List<String> delivered = new ArrayList<>();
    private final RecordSink sink = new RecordSink() {
        @Override
        public void deliver(CallRecord record) {
            delivered.add(record.id() + "@" + env.now());
        }

        @Override
        public long sent() {
            return delivered.size();
        }

        @Override
        public long errors() {
            return 0;
        }

        @Override
        public void close() {
        }
    };
    private final Courier courier = new Courier(env, sink);

    private static CallRecord record(String id) {
        return new CallRecord(id, "a", "b", 0, 0, 0);
    }

    /** At each listed time, dispatches a record with the listed delay. */
    private ProcessBody dispatcher(double[][] timeAndDelay) {
        return new ProcessBody() {
            private int next;

            @Override
            public Event resume(ProcessContext ctx) {
                while (next < timeAndDelay.length && timeAndDelay[next][0] == ctx.env().now()) {
                    courier.dispatch(record("r" + next), timeAndDelay[next][1]);
                    next++;
                }
                return next < timeAndDelay.length ? ctx.env().timeout(timeAndDelay[next][0] - ctx.env().now()) : null;
            }
        };
    }

    @Test
    void recordsArriveAtCompletionPlusDelayInArrivalOrder() {
        env.process(dispatcher(new double[][] {{0, 50}, {0, 10}, {5, 0}, {5, 30}, {20, 15}, {20, 15}}));
        env.run();
        assertEquals(List.of("r2@5.0", "r1@10.0", "r3@35.0", "r4@35.0", "r5@35.0", "r0@50.0"), delivered);
    }

    @Test
    void manyRecordsComeOutSortedByArrival() {
        Random random = new Random(3);
        double[][] plan = new double[5000][];
        double time = 0;
        for (int i = 0; i < plan.length; i++) {
            time += random.nextInt(3);
            plan[i] = new double[] {time, random.nextDouble() * 1000};
        }
        env.process(dispatcher(plan));
        env.run();
        List<Double> arrivals = delivered.stream()
                .map(delivery -> Double.parseDouble(delivery.substring(delivery.indexOf('@') + 1))).toList();
        assertEquals(plan.length, arrivals.size());
        assertEquals(arrivals.stream().sorted().toList(), arrivals);
    }
}

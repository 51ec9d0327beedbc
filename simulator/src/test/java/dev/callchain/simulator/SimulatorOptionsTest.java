package dev.callchain.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.simulator.model.DelaySettings;
import dev.callchain.simulator.model.IdScheme;
import dev.callchain.simulator.output.KafkaTarget;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {
    private static SimulatorConfig parse(Map<String, String> env, String... args) throws UsageException {
        return SimulatorOptions.parse(args, env);
    }

    @Test
    void defaultsAreThePrototypes() throws UsageException {
        SimulatorConfig config = parse(Map.of());
        assertTrue(config.streaming(), "without --count the prototype streams");
        assertEquals(1000.0, config.intervalMs());
        assertEquals(0.0, config.stdDevMs());
        assertFalse(config.realtime());
        assertEquals(42, config.seed());
        assertEquals(10, config.ipPoolSize());
        assertEquals(DelaySettings.DEFAULT, config.delay());
        assertEquals(new KafkaTarget("localhost:9092", "test-topic", 5), config.kafka());
        assertTrue(config.usesKafka());
        assertNull(config.baseTimeMs());
        assertNull(config.out());
        assertNull(config.truth());
        assertEquals(100, config.progressEvery());
        assertTrue(config.ids().callPrefix().matches("msg_[0-9a-z]{6}_"));
    }

    @Test
    void environmentVariablesSetDefaultsAndOptionsOverrideThem() throws UsageException {
        Map<String, String> env = Map.of("KAFKA_TOPIC", "env-topic", "KAFKA_BOOTSTRAP", "env:9092",
                "SIMPY_IP_POOL_SIZE", "4", "SIMPY_DELAY_CHISQ_DF", "3.5", "SIMPY_DELAY_SCALE_MS", "20",
                "SIMPY_MAX_DELAY_MS", "500");
        SimulatorConfig fromEnv = parse(env);
        assertEquals(new KafkaTarget("env:9092", "env-topic", 5), fromEnv.kafka());
        assertEquals(4, fromEnv.ipPoolSize());
        assertEquals(new DelaySettings(3.5, 20, 500), fromEnv.delay());

        SimulatorConfig overridden = parse(env, "--topic", "flag-topic", "--bootstrap=flag:1", "--ip-pool-size", "2",
                "--partitions", "7");
        assertEquals(new KafkaTarget("flag:1", "flag-topic", 7), overridden.kafka());
        assertEquals(2, overridden.ipPoolSize());
    }

    @Test
    void everyOptionIsRead() throws UsageException {
        SimulatorConfig config = parse(Map.of(), "--count", "12", "--realtime", "--interval", "0.2", "--std-dev", "1.5",
                "--seed", "-3", "--print-msg", "--debug", "--out", "-", "--truth", "t.jsonl", "--id-prefix", "msg_",
                "--base-time-ms", "0", "--progress-every", "0");
        assertEquals(12, config.count());
        assertTrue(config.realtime());
        assertEquals(0.2, config.intervalMs());
        assertEquals(1.5, config.stdDevMs());
        assertEquals(-3, config.seed());
        assertTrue(config.printMessages());
        assertTrue(config.debug());
        assertFalse(config.usesKafka());
        assertEquals("-", config.out());
        assertEquals("t.jsonl", config.truth());
        assertEquals(IdScheme.withPrefix("msg_"), config.ids());
        assertEquals(0L, config.baseTimeMs());
        assertEquals(0, config.progressEvery());
    }

    @Test
    void streamOverridesCount() throws UsageException {
        assertTrue(parse(Map.of(), "--count", "5", "--stream").streaming());
        assertFalse(parse(Map.of(), "--count", "5").streaming());
    }

    @Test
    void mistakesAreExplained() {
        assertEquals("unknown option: --bogus", message("--bogus"));
        assertEquals("--count needs a value (N)", message("--count"));
        assertEquals("--count: expected a whole number >= 0, got 'many'", message("--count", "many"));
        assertEquals("--interval: expected a number >= 0.0, got '-1'", message("--interval", "-1"));
        assertEquals("--ip-pool-size: expected a whole number >= 1, got '0'", message("--ip-pool-size", "0"));
        assertEquals("--debug takes no value", message("--debug=yes"));
        assertEquals("--topic: must not be empty", message("--topic", ""));
        UsageException badEnv = assertThrows(UsageException.class,
                () -> parse(Map.of("SIMPY_MAX_DELAY_MS", "soon")));
        assertEquals("SIMPY_MAX_DELAY_MS: expected a number >= 0.0, got 'soon'", badEnv.getMessage());
    }

    @Test
    void usageListsEveryOptionWithItsDefault() {
        String usage = SimulatorOptions.usage();
        for (String option : new String[] {"--count", "--stream", "--realtime", "--interval", "--std-dev",
            "--print-msg", "--debug", "--topic", "--bootstrap", "--ip-pool-size", "--seed", "--out", "--truth",
            "--partitions", "--id-prefix", "--base-time-ms", "SIMPY_DELAY_CHISQ_DF", "SIMPY_DELAY_SCALE_MS",
            "SIMPY_MAX_DELAY_MS"}) {
            assertTrue(usage.contains(option), option);
        }
        assertTrue(usage.contains("(default 1000)"));
        assertTrue(SimulatorOptions.wantsHelp("--count", "1", "--help"));
    }

    private static String message(String... args) {
        return assertThrows(UsageException.class, () -> parse(Map.of(), args)).getMessage();
    }
}

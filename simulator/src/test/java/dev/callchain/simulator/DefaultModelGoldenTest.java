package dev.callchain.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default model's output must not change: the SHA-256 of a seeded run's records and truth, computed
 * once with the jar built from main before the topology model was added (1454 records).
 */
class DefaultModelGoldenTest {
    private static final String RECORDS_SHA256 = "993eea712ca3982d5af548f7852dbc1b1b68fa6afd4f4987305bb6b74e5208f2";
    private static final String TRUTH_SHA256 = "cf426db966c21b37b0c3a22d65a5cc0525f73ff91cfcaf52e8cd44e0b2aaeb83";

    @TempDir
    Path dir;

    @Test
    void aSeededDefaultRunWritesTheSameBytesAsBefore() throws Exception {
        SimulationRun run = SimulationRun.of(dir, "--count", "300", "--interval", "5", "--std-dev", "3",
                "--base-time-ms", "0", "--id-prefix", "msg_", "--seed", "7", "--debug");
        assertEquals(1454, run.records.size());
        assertEquals(RECORDS_SHA256, sha256(run.out));
        assertEquals(TRUTH_SHA256, sha256(run.truth));
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        return String.format("%064x", new BigInteger(1, digest));
    }
}

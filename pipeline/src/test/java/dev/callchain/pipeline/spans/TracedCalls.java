package dev.callchain.pipeline.spans;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.TraceMark;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** Traced linked calls made by hand, and the ids their spans must have, worked out here anew. */
final class TracedCalls {
  static final long T0 = 1_600_000_000_000L;

  /** A root: the front end at 10.1.0.5, called by a client at 10.0.0.1, with µs times. */
  static final LinkedCall ROOT =
      new LinkedCall(
              new CallRecord(
                  "root-1", "10.0.0.1", "10.1.0.5", T0, T0 + 100, 100,
                  bytes("\"service\":\"frontend\",\"operation\":\"GET /cart\","
                      + "\"start_at_us\":1600000000000250,\"end_at_us\":\"1600000000100999.9\"")),
              new String[0],
              new String[] {"child-2"},
              new ParentScores(null, new double[0]),
              0)
          .withTrace(TraceMark.root("root-1"));

  /** Its child: a host name, no service field, no µs times, zero length; two candidate parents. */
  static final LinkedCall CHILD =
      new LinkedCall(
              CallRecord.of("child-2", "10.1.0.5", "db.internal", T0 + 10, T0 + 10),
              new String[] {"other-0", "root-1"},
              new String[0],
              new ParentScores("root-1", new double[] {0.25, 0.75}, T0 + 100),
              0)
          .withTrace(TraceMark.root("root-1").child("frontend"));

  /** A call whose best parent never came: it starts its own trace, at an IPv6 address. */
  static final LinkedCall ORPHAN =
      new LinkedCall(
              CallRecord.of("orphan-3", "2001:db8::7", "2001:db8::1", T0 + 20, T0 + 25),
              new String[] {"gone-9"},
              new String[0],
              new ParentScores("gone-9", new double[] {1.0}, T0 + 30),
              0)
          .withTrace(TraceMark.root("orphan-3"));

  private TracedCalls() {}

  static LinkedCall named(String id, String name) {
    return new LinkedCall(
            new CallRecord(id, "10.0.0.1", "10.1.0.5", T0, T0 + 1, 1, bytes("\"name\":\"" + name + "\"")),
            new String[0],
            new String[0],
            new ParentScores(null, new double[0]),
            0)
        .withTrace(TraceMark.root(id));
  }

  static String traceIdHex(String rootId) {
    return HexFormat.of().formatHex(Arrays.copyOf(sha256(rootId), 16));
  }

  static String spanIdHex(String callId) {
    return HexFormat.of().formatHex(Arrays.copyOf(sha256(callId), 8));
  }

  private static byte[] sha256(String id) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(String members) {
    return members.getBytes(StandardCharsets.UTF_8);
  }
}

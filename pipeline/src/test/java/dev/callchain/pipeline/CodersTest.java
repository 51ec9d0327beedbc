package dev.callchain.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.CallRecordCoder;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.LinkedCall;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.model.ParentScores;
import dev.callchain.pipeline.model.PartialLinks;
import dev.callchain.pipeline.model.Rejection;
import dev.callchain.pipeline.model.TraceMark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class CodersTest {
  private static final CallRecord CALL =
      new CallRecord(
          "调用-🙂", "10.0.0.1", "10.1.0.2", 1_600_000_000_000L, 1_600_000_000_130L, 130.25,
          "\"x\":[1,2]".getBytes(StandardCharsets.UTF_8));

  @Test
  void callRecordRoundTrips() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(CallRecordCoder.of(), CALL);
    CoderProperties.coderDecodeEncodeEqual(CallRecordCoder.of(), CallRecord.of("n", "a", "b", -5, -5));
  }

  @Test
  void linkedCallRoundTrips() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        LinkedCall.LinkedCallCoder.of(), new LinkedCall(CALL, new String[] {"p"}, new String[] {"c1", "c2"}));
  }

  @Test
  void linkedCallWithScoresAndRevisionRoundTrips() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        LinkedCall.LinkedCallCoder.of(),
        new LinkedCall(
            CALL, new String[] {"p1", "p2"}, new String[0], new ParentScores("p2", new double[] {0.1, 0.9}), 3));
    CoderProperties.coderDecodeEncodeEqual(
        LinkedCall.LinkedCallCoder.of(),
        new LinkedCall(CALL, new String[] {"p1"}, new String[0], new ParentScores(null, new double[] {1}), 0));
    PartialLinks half = PartialLinks.parentsOf(CALL, new String[] {"p"}, new ParentScores("p", new double[] {1}));
    assertEquals(half.scores(), CoderUtils.clone(PartialLinks.PartialLinksCoder.of(), half).scores());
  }

  @Test
  void aTracedCallAndTheBestParentsEndRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        LinkedCall.LinkedCallCoder.of(),
        new LinkedCall(CALL, new String[] {"p"}, new String[0], new ParentScores("p", new double[] {1}, 5_000), 0)
            .withTrace(new TraceMark("root", 3, "api")));
    CoderProperties.coderDecodeEncodeEqual(
        LinkedCall.LinkedCallCoder.of(), new LinkedCall(CALL, new String[0], new String[0]).withTrace(TraceMark.root("r")));
  }

  @Test
  void scoresWithNearMissesRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        LinkedCall.LinkedCallCoder.of(),
        new LinkedCall(
            CALL, new String[] {"p"}, new String[0],
            new ParentScores("n2", new double[] {0.1, 0.2, 0.7}, 5_000, new String[] {"n1", "n2"}), 0));
    CoderProperties.coderDecodeEncodeEqual(
        LinkedCall.LinkedCallCoder.of(),
        new LinkedCall(
            CALL, new String[0], new String[0],
            new ParentScores(null, new double[] {0.5, 0.5}, ParentScores.UNKNOWN_END, new String[] {"n1", "n2"}), 0));
  }

  /** A savepoint's scores, written before the best parent's end was kept, still read. */
  @Test
  void scoresWrittenWithoutTheBestParentsEndStillRead() throws Exception {
    ByteArrayOutputStream older = new ByteArrayOutputStream();
    BooleanCoder.of().encode(true, older); // present
    BooleanCoder.of().encode(true, older); // a best parent
    StringUtf8Coder.of().encode("p2", older);
    VarIntCoder.of().encode(2, older);
    DoubleCoder.of().encode(0.25, older);
    DoubleCoder.of().encode(0.75, older);
    assertEquals(
        new ParentScores("p2", new double[] {0.25, 0.75}),
        ParentScores.decode(new ByteArrayInputStream(older.toByteArray())));
  }

  @Test
  void aPieceOfAChildrenHalfRoundTrips() throws Exception {
    PartialLinks piece =
        PartialLinks.childrenOf("p", 1000, 5200, new String[] {"c1", "c2"}).asPiece(3, 6).asRevision();
    PartialLinks copy = CoderUtils.clone(PartialLinks.PartialLinksCoder.of(), piece);
    assertEquals(
        java.util.List.of("p", 1000L, 5200L, 3, 6, true, java.util.List.of("c1", "c2")),
        java.util.List.of(copy.id(), copy.start(), copy.end(), copy.piece(), copy.pieces(), copy.isRevision(),
            java.util.List.of(copy.ids())));
  }

  @Test
  void othersRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(Origin.OriginCoder.of(), Origin.file("in.jsonl", 3));
    CoderProperties.coderDecodeEncodeEqual(Origin.OriginCoder.of(), Origin.kafka("t", 4, 99));
    CoderProperties.coderDecodeEncodeEqual(Origin.OriginCoder.of(), Origin.linkedCall("c"));
    DeadLetter letter =
        new DeadLetter(new byte[] {'{', (byte) 0xff}, Rejection.NOT_JSON, "bad", Origin.kafka("t", 1, 2));
    DeadLetter copy = CoderUtils.clone(DeadLetter.DeadLetterCoder.of(), letter);
    assertEquals(letter.toString(), copy.toString());
    assertArrayEquals(letter.original(), copy.original());
    PartialLinks half = PartialLinks.parentsOf(CALL, new String[] {"p"});
    PartialLinks halfCopy = CoderUtils.clone(PartialLinks.PartialLinksCoder.of(), half);
    assertEquals(CALL, halfCopy.call());
    CallLog log = new CallLog(new byte[] {1, 2}, Origin.file("f", 1));
    assertArrayEquals(
        log.value(), CoderUtils.clone(CallLog.CallLogCoder.of(), log).value());
  }
}

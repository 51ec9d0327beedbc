package dev.callchain.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.parse.CallLogParser;
import dev.callchain.pipeline.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class ParsedValueTest {
  private static final byte[] CALL =
      "{\"id\":\"a\",\"src_ip\":\"1\",\"dst_ip\":\"2\",\"start_at_ms\":10,\"end_at_ms\":20}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void theReaderParsesAndTheLogKeepsThatParse() {
    ParsedValue value = new ParsedValue.ParsingDeserializer().deserialize("t", CALL);
    assertTrue(value.result.isAccepted());
    assertEquals(10L, value.result.call().startAtMs());
    CallLog log = new CallLog(value.raw, Origin.kafka("t", 0, 1), value.result);
    // A parser that was never needed: the log hands back the reader's parse itself.
    assertSame(value.result, log.parse(new CallLogParser()));
  }

  @Test
  void aLogReadWithoutAParseIsParsedOnDemand() {
    ParseResult parsed = new CallLog(CALL, Origin.file("f", 1)).parse(new CallLogParser());
    assertEquals("a", parsed.call().id());
  }

  @Test
  void aTombstoneIsRejectedAsEmpty() {
    ParsedValue value = new ParsedValue.ParsingDeserializer().deserialize("t", null);
    assertEquals(0, value.raw.length);
    assertFalse(value.result.isAccepted());
    assertEquals(new CallLogParser().parse(new byte[0]).rejection(), value.result.rejection());
  }

  @Test
  void theCoderKeepsTheBytesAndParsesAgain() throws Exception {
    ParsedValue value = new ParsedValue.ParsingDeserializer().deserialize("t", CALL);
    ParsedValue copy = CoderUtils.clone(ParsedValue.ParsedValueCoder.of(), value);
    assertEquals(new String(CALL, StandardCharsets.UTF_8), new String(copy.raw, StandardCharsets.UTF_8));
    assertEquals(value.result.call(), copy.result.call());
  }
}

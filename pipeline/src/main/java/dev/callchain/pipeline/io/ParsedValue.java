package dev.callchain.pipeline.io;

import dev.callchain.pipeline.parse.CallLogParser;
import dev.callchain.pipeline.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.kafka.common.serialization.Deserializer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A Kafka message value, parsed as the reader takes it: the reader needs its start time for the
 * watermark, and {@link dev.callchain.pipeline.parse.ParseCalls} needs its record, so both use
 * this one parse.
 */
final class ParsedValue {
  private static final byte[] EMPTY = new byte[0];
  /** The parser holds no state, so one serves the deserializer and the coder alike. */
  private static final CallLogParser PARSER = new CallLogParser();

  final byte[] raw;
  final ParseResult result;

  private ParsedValue(byte[] raw, ParseResult result) {
    this.raw = raw;
    this.result = result;
  }

  static ParsedValue parse(byte @Nullable [] raw) {
    // A tombstone has no value: it is parsed (and rejected) as an empty one.
    byte[] value = raw == null ? EMPTY : raw;
    return new ParsedValue(value, PARSER.parse(value));
  }

  /** Parses each value as KafkaIO's reader deserializes it. */
  public static final class ParsingDeserializer implements Deserializer<ParsedValue> {
    @Override
    public ParsedValue deserialize(String topic, byte @Nullable [] data) {
      return parse(data);
    }
  }

  /** Encodes the raw bytes only; decoding parses them again. */
  static final class ParsedValueCoder extends AtomicCoder<ParsedValue> {
    private static final long serialVersionUID = 1L;
    private static final ParsedValueCoder INSTANCE = new ParsedValueCoder();

    static ParsedValueCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ParsedValue value, OutputStream out) throws IOException {
      ByteArrayCoder.of().encode(value.raw, out);
    }

    @Override
    public ParsedValue decode(InputStream in) throws IOException {
      return parse(ByteArrayCoder.of().decode(in));
    }
  }
}

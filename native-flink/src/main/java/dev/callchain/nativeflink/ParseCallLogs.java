package dev.callchain.nativeflink;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.DeadLetter;
import dev.callchain.pipeline.model.Origin;
import dev.callchain.pipeline.parse.CallLogParser;
import dev.callchain.pipeline.parse.ParseResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses each Kafka message value with the pipeline's parser (SPEC §1), once, in the source: an
 * accepted call, or a dead letter that keeps the original text and its topic/partition/offset.
 */
final class ParseCallLogs
    implements KafkaRecordDeserializationSchema<Either<CallRecord, DeadLetter>> {
  private static final byte[] EMPTY = new byte[0];

  private final CallLogParser parser = new CallLogParser();

  @Override
  public void deserialize(
      ConsumerRecord<byte[], byte[]> record, Collector<Either<CallRecord, DeadLetter>> out) {
    byte[] value = record.value() == null ? EMPTY : record.value();
    ParseResult parsed = parser.parse(value);
    if (parsed.isAccepted()) {
      out.collect(Either.Left(parsed.call()));
    } else {
      out.collect(
          Either.Right(
              new DeadLetter(
                  value,
                  parsed.rejection(),
                  parsed.detail(),
                  Origin.kafka(record.topic(), record.partition(), record.offset()))));
    }
  }

  @Override
  public TypeInformation<Either<CallRecord, DeadLetter>> getProducedType() {
    return JobTypes.PARSED;
  }

  /** Event time is start_at_ms; a rejected log has none and leaves the watermark alone. */
  static long startTime(Either<CallRecord, DeadLetter> parsed, long kafkaTimestamp) {
    return parsed.isLeft() ? parsed.left().startAtMs() : Long.MIN_VALUE;
  }
}

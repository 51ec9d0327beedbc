package dev.callchain.pipeline.spans;

/** How spans are written (--spansFormat): each format's lists, one Kafka record each. */
public enum SpanFormat {
  /** A JSON array of Zipkin v2 spans: Zipkin's and the OpenTelemetry Collector's Kafka receivers. */
  ZIPKIN_JSON {
    @Override
    public SpanList<?> newList() {
      return new ZipkinJsonList();
    }
  },
  /** An OTLP ExportTraceServiceRequest: the OpenTelemetry Collector's Kafka receiver (otlp_proto). */
  OTLP_PROTO {
    @Override
    public SpanList<?> newList() {
      return new OtlpProtoList();
    }
  };

  public abstract SpanList<?> newList();
}

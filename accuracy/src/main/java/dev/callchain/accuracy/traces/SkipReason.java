package dev.callchain.accuracy.traces;

/** Why a span did not become a call of its own; every such span is counted under one. */
enum SkipReason {
  SERVER_OF_CLIENT_TIMED_CALL("server side of a client-timed call"),
  INTERNAL("internal"),
  CLIENT_OF_SEVERAL_SERVERS("client with several server children, each timed by its server span"),
  REPEATED_SPAN_ID("span id repeated in its trace");

  private final String words;

  SkipReason(String words) {
    this.words = words;
  }

  String words() {
    return words;
  }
}

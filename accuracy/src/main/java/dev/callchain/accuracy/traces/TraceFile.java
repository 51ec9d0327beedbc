package dev.callchain.accuracy.traces;

/**
 * One file of spans: its name (for errors and format detection), its bytes, already gunzipped, and
 * whether it sits in a directory or archive given as {@code --in}, beside files that may hold no
 * traces.
 */
record TraceFile(String name, byte[] content, boolean member) {}

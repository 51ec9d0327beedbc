package dev.callchain.accuracy.traces;

import java.util.List;

/** One {@code --in}'s calls and its one-line summary. */
record ImportedInput(List<ImportedCall> calls, String summary) {}

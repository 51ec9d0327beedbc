package dev.callchain.accuracy.traces;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What one input gave: traces, spans, calls, and every span that is not a call, by reason. */
final class ImportTally {
  private long traces;
  private long spans;
  private long calls;
  private long roots;
  private long untracedCallees;
  private long missingParents;
  private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
  private final List<String> filesNotTraces = new ArrayList<>();

  void trace(SpanTree tree) {
    traces++;
    spans += tree.size() + tree.repeatedIds();
    skip(SkipReason.REPEATED_SPAN_ID, tree.repeatedIds());
  }

  void call() {
    calls++;
  }

  void root() {
    roots++;
  }

  void untracedCallee() {
    untracedCallees++;
  }

  void missingParent() {
    missingParents++;
  }

  void notTraces(String file) {
    filesNotTraces.add(file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('!')) + 1));
  }

  void skip(SkipReason reason) {
    skip(reason, 1);
  }

  private void skip(SkipReason reason, long count) {
    if (count > 0) {
      skipped.merge(reason, count, Long::sum);
    }
  }

  String summary(String input, AddressKind address) {
    String notCalls = skipped.isEmpty() ? "none" : skipped.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().words()).collect(Collectors.joining(", "));
    return input + ": " + traces + " traces, " + spans + " spans -> " + calls + " calls by " + address.flag() + " ("
        + roots + " roots with truth parent null, " + untracedCallees + " to untraced callees); " + missingParents
        + " spans with a parent missing from the trace (their calls' truth parent is null); spans not calls: "
        + notCalls + (filesNotTraces.isEmpty() ? "" : "; files without traces passed over: "
        + String.join(", ", filesNotTraces));
  }
}

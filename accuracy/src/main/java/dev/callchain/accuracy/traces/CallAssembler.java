package dev.callchain.accuracy.traces;

import java.util.ArrayList;
import java.util.List;

/**
 * One trace's calls, one per RPC, with each call's true parent. An RPC is a client span and its
 * one server child, timed by the client span; a server span without such a client is timed by
 * itself (its caller is where its parent ran, or the outside for a root); a client span without
 * a server child calls an untraced callee. A call's parent is the RPC whose server side is the
 * nearest server span at or above the caller's span, walking up through internal and client spans.
 */
final class CallAssembler {
  private final SpanTree tree;
  private final SpanKinds kinds;
  private final CallAddresses addresses;
  private final OpaqueIds ids;
  private final ImportTally tally;

  CallAssembler(SpanTree tree, CallAddresses addresses, OpaqueIds ids, ImportTally tally) {
    this.tree = tree;
    this.kinds = new SpanKinds(tree);
    this.addresses = addresses;
    this.ids = ids;
    this.tally = tally;
  }

  List<ImportedCall> calls() {
    tally.trace(tree);
    List<ImportedCall> calls = new ArrayList<>();
    for (Span span : tree.spans()) {
      if (tree.parentMissing(span)) {
        tally.missingParent();
      }
      switch (kinds.of(span)) {
        case INTERNAL -> tally.skip(SkipReason.INTERNAL);
        case CLIENT -> {
          List<Span> servers = servers(span);
          if (servers.size() == 1) {
            calls.add(call(span, span, at(span), at(servers.get(0))));
          } else if (servers.isEmpty()) {
            tally.untracedCallee();
            calls.add(call(span, span, at(span), CallEnd.untraced(addresses.untracedCallee(span))));
          } else {
            tally.skip(SkipReason.CLIENT_OF_SEVERAL_SERVERS);
          }
        }
        case SERVER -> {
          Span parent = tree.parent(span);
          if (parent == null) {
            calls.add(call(span, null, CallEnd.untraced(addresses.entering(span)), at(span)));
          } else if (isPairedClient(parent)) {
            tally.skip(SkipReason.SERVER_OF_CLIENT_TIMED_CALL);
          } else {
            calls.add(call(span, parent, at(parent), at(span)));
          }
        }
      }
    }
    return calls;
  }

  /** {@code timing} gives the call its id and interval; {@code callerSide} is where the caller was. */
  private ImportedCall call(Span timing, Span callerSide, CallEnd caller, CallEnd callee) {
    tally.call();
    String parentId = parentCall(callerSide);
    if (parentId == null) {
      tally.root();
    }
    return new ImportedCall(ids.call(tree.traceId(), timing.spanId()), caller, callee, timing.startUs(),
        timing.endUs(), parentId, ids.trace(tree.traceId()));
  }

  private CallEnd at(Span span) {
    return new CallEnd(addresses.of(span), span.instance().service());
  }

  /** The RPC served by the nearest server span at or above {@code span}; null at the top. */
  private String parentCall(Span span) {
    int steps = 0;
    for (Span at = span; at != null; at = tree.parent(at)) {
      if (kinds.of(at) == SpanKind.SERVER) {
        return rpcId(at);
      }
      if (++steps > tree.size()) {
        throw new IllegalArgumentException(span.where() + ": its parents form a cycle");
      }
    }
    return null;
  }

  private String rpcId(Span server) {
    Span parent = tree.parent(server);
    Span timing = parent != null && isPairedClient(parent) ? parent : server;
    return ids.call(tree.traceId(), timing.spanId());
  }

  private boolean isPairedClient(Span span) {
    return kinds.of(span) == SpanKind.CLIENT && servers(span).size() == 1;
  }

  private List<Span> servers(Span client) {
    return tree.children(client).stream().filter(child -> kinds.of(child) == SpanKind.SERVER).toList();
  }
}

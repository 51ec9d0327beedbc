package dev.callchain.pipeline.link;

import dev.callchain.pipeline.model.CallRecord;
import dev.callchain.pipeline.model.CallRecordCoder;
import dev.callchain.pipeline.model.IdListCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Binary form of the linker's per-address state, used for checkpoints and by runners that keep
 * state serialised. Parents are held by id and times only; children with their full record.
 */
public final class CallsAtAddressCoder extends AtomicCoder<CallsAtAddress> {
  private static final long serialVersionUID = 1L;
  private static final CallsAtAddressCoder INSTANCE = new CallsAtAddressCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();
  /** Where the scoring state starts: no model (no --bestParent), or a model with its sequence state. */
  private static final int NO_MODEL = -1;
  private static final int MODEL_WITH_SEQUENCES = -2;

  public static CallsAtAddressCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(CallsAtAddress calls, OutputStream out) throws IOException {
    encodeIndex(calls.asParent, false, out);
    encodeIndex(calls.asChild, true, out);
    LONG.encode(calls.evictedBefore, out);
    LONG.encode(calls.evictionTimer, out);
    LONG.encode(calls.lastArrivalMs, out);
    LONG.encode(calls.idleTimer, out);
    LONG.encode(calls.countedBy, out);
    encodeModel(calls.parentModel, calls.assignments, out);
    LONG.encode(calls.emitted == null ? CallsAtAddress.DROP_LATE_LINKS : calls.emitted.horizonMs, out);
    if (calls.emitted != null) {
      encodeIndex(calls.emitted.asParent, false, out);
      encodeIndex(calls.emitted.asChild, true, out);
    }
  }

  @Override
  public CallsAtAddress decode(InputStream in) throws IOException {
    // A call's id recurs in the link list of every call linked to it; without this each of those
    // became a String of its own at every decode (a state copy at each checkpoint), and an address
    // holding tens of millions of links grew by gigabytes.
    Map<String, String> ids = new HashMap<>();
    CallIndex asParent = decodeIndex(false, in, ids);
    CallIndex asChild = decodeIndex(true, in, ids);
    long evictedBefore = LONG.decode(in);
    long evictionTimer = LONG.decode(in);
    long lastArrivalMs = LONG.decode(in);
    long idleTimer = LONG.decode(in);
    long countedBy = LONG.decode(in);
    ParentModel model = null;
    ParentAssignments assignments = null;
    int modelFormat = INT.decode(in);
    if (modelFormat != NO_MODEL) {
      model = new ParentModel();
      assignments = new ParentAssignments();
      decodeGapsByDestination(modelFormat == MODEL_WITH_SEQUENCES ? INT.decode(in) : modelFormat, model, in);
      if (modelFormat == MODEL_WITH_SEQUENCES) {
        decodeSequences(model, assignments, in);
      }
    }
    long horizon = LONG.decode(in);
    EmittedCalls emitted =
        horizon == CallsAtAddress.DROP_LATE_LINKS
            ? null
            : new EmittedCalls(horizon, decodeIndex(false, in, ids), decodeIndex(true, in, ids));
    CallsAtAddress calls = new CallsAtAddress(asParent, asChild, model, assignments, emitted);
    calls.evictedBefore = evictedBefore;
    calls.evictionTimer = evictionTimer;
    calls.lastArrivalMs = lastArrivalMs;
    calls.idleTimer = idleTimer;
    calls.countedBy = countedBy;
    return calls;
  }

  private static void encodeIndex(CallIndex index, boolean withRecords, OutputStream out)
      throws IOException {
    INT.encode(index.size(), out);
    for (int i = 0; i < index.size(); i++) {
      HeldCall call = index.get(i);
      if (withRecords) {
        CallRecordCoder.of().encode(call.record, out);
      } else {
        STRING.encode(call.id, out);
        LONG.encode(call.start, out);
        LONG.encode(call.end - call.start, out);
      }
      IdListCoder.encode(call.linksAsMade(), call.linkCount(), out);
    }
  }

  private static CallIndex decodeIndex(boolean withRecords, InputStream in, Map<String, String> ids)
      throws IOException {
    CallIndex index = new CallIndex();
    int size = INT.decode(in);
    for (int i = 0; i < size; i++) {
      HeldCall call;
      if (withRecords) {
        CallRecord record = CallRecordCoder.of().decode(in);
        call = new HeldCall(IdListCoder.canonical(record.id(), ids), record.startAtMs(), record.endAtMs(),
            record, IdListCoder.decode(in, ids));
      } else {
        String id = IdListCoder.canonical(STRING.decode(in), ids);
        long start = LONG.decode(in);
        long end = start + LONG.decode(in);
        call = new HeldCall(id, start, end, null, IdListCoder.decode(in, ids));
      }
      index.add(call);
    }
    return index;
  }

  /**
   * The scoring state: none, or the learned gaps by destination followed by the sequence state
   * (sibling gaps, calls per parent, what each held parent was given). State written before the
   * sequence state existed starts with the number of destinations (0 or more) and has none.
   */
  private static void encodeModel(ParentModel model, ParentAssignments assignments, OutputStream out)
      throws IOException {
    if (model == null) {
      INT.encode(NO_MODEL, out);
      return;
    }
    INT.encode(MODEL_WITH_SEQUENCES, out);
    INT.encode(model.byDestination.size(), out);
    for (Map.Entry<String, ParentModel.Gaps> destination : model.byDestination.entrySet()) {
      STRING.encode(destination.getKey(), out);
      encodeGaps(destination.getValue(), out);
    }
    encodeGaps(model.siblings.ofCallers, out);
    encodeGaps(model.siblings.ofOthers, out);
    DOUBLE.encode(model.siblings.picked, out);
    DOUBLE.encode(model.siblings.following, out);
    DOUBLE.encode(model.siblings.overlapping, out);
    INT.encode(model.callsPerParent.byDestination.size(), out);
    for (Map.Entry<String, double[]> destination : model.callsPerParent.byDestination.entrySet()) {
      STRING.encode(destination.getKey(), out);
      for (double count : destination.getValue()) {
        DOUBLE.encode(count, out);
      }
    }
    INT.encode(assignments.byParent.size(), out);
    for (Map.Entry<String, ParentAssignments.Given> parent : assignments.byParent.entrySet()) {
      STRING.encode(parent.getKey(), out);
      ParentAssignments.Given given = parent.getValue();
      LONG.encode(given.startUs, out);
      INT.encode(given.followed, out);
      for (int i = 0; i < given.followed; i++) {
        LONG.encode(given.followedStartsUs[i] - given.startUs, out);
        LONG.encode(given.followedEndsUs[i] - given.followedStartsUs[i], out);
      }
      Map<String, Integer> callsTo = given.callsTo == null ? Map.of() : given.callsTo;
      INT.encode(callsTo.size(), out);
      for (Map.Entry<String, Integer> calls : callsTo.entrySet()) {
        STRING.encode(calls.getKey(), out);
        INT.encode(calls.getValue(), out);
      }
    }
  }

  private static void encodeGaps(ParentModel.Gaps gaps, OutputStream out) throws IOException {
    INT.encode(gaps.cells.size(), out);
    for (Map.Entry<Long, Double> cell : gaps.cells.entrySet()) {
      LONG.encode(cell.getKey(), out);
      DOUBLE.encode(cell.getValue(), out);
    }
  }

  private static void decodeGapsByDestination(int destinations, ParentModel model, InputStream in)
      throws IOException {
    for (int d = 0; d < destinations; d++) {
      String destination = STRING.decode(in);
      model.byDestination.put(destination, decodeGaps(new ParentModel.Gaps(), in));
    }
  }

  private static ParentModel.Gaps decodeGaps(ParentModel.Gaps gaps, InputStream in) throws IOException {
    int cells = INT.decode(in);
    for (int c = 0; c < cells; c++) {
      long cell = LONG.decode(in);
      double weight = DOUBLE.decode(in);
      gaps.cells.put(cell, weight);
      gaps.total += weight;
    }
    return gaps;
  }

  private static void decodeSequences(ParentModel model, ParentAssignments assignments, InputStream in)
      throws IOException {
    decodeGaps(model.siblings.ofCallers, in);
    decodeGaps(model.siblings.ofOthers, in);
    model.siblings.picked = DOUBLE.decode(in);
    model.siblings.following = DOUBLE.decode(in);
    model.siblings.overlapping = DOUBLE.decode(in);
    int destinations = INT.decode(in);
    for (int d = 0; d < destinations; d++) {
      String destination = STRING.decode(in);
      double[] counts = new double[CallsPerParent.MAX_CALLS + 1];
      for (int n = 0; n < counts.length; n++) {
        counts[n] = DOUBLE.decode(in);
      }
      model.callsPerParent.byDestination.put(destination, counts);
    }
    int parents = INT.decode(in);
    for (int p = 0; p < parents; p++) {
      String parent = STRING.decode(in);
      ParentAssignments.Given given = new ParentAssignments.Given(LONG.decode(in));
      int followed = INT.decode(in);
      for (int i = 0; i < followed; i++) {
        long childStartUs = given.startUs + LONG.decode(in);
        given.follow(childStartUs, childStartUs + LONG.decode(in));
      }
      int destinationsCalled = INT.decode(in);
      if (destinationsCalled > 0) {
        given.callsTo = new HashMap<>(4);
      }
      for (int d = 0; d < destinationsCalled; d++) {
        String destination = STRING.decode(in);
        given.callsTo.put(destination, INT.decode(in));
      }
      assignments.byParent.put(parent, given);
    }
  }
}

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
    encodeModel(calls.parentModel, out);
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
    ParentModel model = decodeModel(in);
    long horizon = LONG.decode(in);
    EmittedCalls emitted =
        horizon == CallsAtAddress.DROP_LATE_LINKS
            ? null
            : new EmittedCalls(horizon, decodeIndex(false, in, ids), decodeIndex(true, in, ids));
    CallsAtAddress calls = new CallsAtAddress(asParent, asChild, model, emitted);
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

  private static void encodeModel(ParentModel model, OutputStream out) throws IOException {
    INT.encode(model == null ? -1 : model.byDestination.size(), out);
    if (model == null) {
      return;
    }
    for (Map.Entry<String, ParentModel.Gaps> destination : model.byDestination.entrySet()) {
      STRING.encode(destination.getKey(), out);
      INT.encode(destination.getValue().cells.size(), out);
      for (Map.Entry<Long, Double> cell : destination.getValue().cells.entrySet()) {
        LONG.encode(cell.getKey(), out);
        DOUBLE.encode(cell.getValue(), out);
      }
    }
  }

  private static ParentModel decodeModel(InputStream in) throws IOException {
    int destinations = INT.decode(in);
    if (destinations < 0) {
      return null;
    }
    ParentModel model = new ParentModel();
    for (int d = 0; d < destinations; d++) {
      ParentModel.Gaps gaps = new ParentModel.Gaps();
      model.byDestination.put(STRING.decode(in), gaps);
      int cells = INT.decode(in);
      for (int c = 0; c < cells; c++) {
        double weight;
        long cell = LONG.decode(in);
        weight = DOUBLE.decode(in);
        gaps.cells.put(cell, weight);
        gaps.total += weight;
      }
    }
    return model;
  }
}

package dev.callchain.pipeline.link;

import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.EnvironmentDefaults;
import dev.callchain.pipeline.outage.QuietClock;
import java.io.Serializable;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/** How calls are linked: which linker, and what the linker adds beyond SPEC §2-§4. */
public final class LinkSettings implements Serializable {
  /** The linking algorithm. */
  public enum Linker {
    /** Start-sorted index per address, one timer per address (the product). */
    INDEX,
    /** The prototype's algorithm, kept as the benchmarks' baseline (see ScanLinkAtAddressFn). */
    SCAN
  }

  /** What happens to a link that reaches a call already emitted. */
  public enum LateLinks {
    /** Counted, not emitted (SPEC §4). */
    DROP,
    /** The call is emitted again with all its links, as revision n (upsert by id). */
    REVISE
  }

  private final Linker linker;
  private final long idleFlushMs;
  private final long maxOutOfOrderMs;
  private final boolean bestParent;
  private final LateLinks lateLinks;
  private final long reviseHorizonMs;
  private final long addressSliceMs;
  /** The broker whose outages (and the job's restarts) the idle flush waits out, or null. */
  private final @Nullable String outageBroker;
  private final boolean restoresState;

  private LinkSettings(
      Linker linker,
      long idleFlushMs,
      long maxOutOfOrderMs,
      boolean bestParent,
      LateLinks lateLinks,
      long reviseHorizonMs,
      long addressSliceMs,
      @Nullable String outageBroker,
      boolean restoresState) {
    this.linker = linker;
    this.idleFlushMs = idleFlushMs;
    this.maxOutOfOrderMs = maxOutOfOrderMs;
    this.bestParent = bestParent;
    this.lateLinks = lateLinks;
    this.reviseHorizonMs = reviseHorizonMs;
    this.addressSliceMs = addressSliceMs;
    this.outageBroker = outageBroker;
    this.restoresState = restoresState;
  }

  /** The index linker, plain SPEC output, late links dropped, the default bound. */
  public static LinkSettings idleFlushAfter(long idleFlushMs) {
    long bound = EnvironmentDefaults.MAX_OUT_OF_ORDER_MS;
    return new LinkSettings(Linker.INDEX, idleFlushMs, bound, false, LateLinks.DROP, bound, 0, null, false);
  }

  public static LinkSettings from(CallchainOptions options) {
    long bound = options.getMaxOutOfOrderMs();
    Long horizon = options.getReviseHorizonMs();
    return new LinkSettings(
        parse(Linker.class, "--linker", options.getLinker()),
        options.getIdleFlushMs(),
        bound,
        options.getBestParent(),
        parse(LateLinks.class, "--lateLinks", options.getLateLinks()),
        horizon == null ? bound : horizon,
        options.getAddressSliceMs() == null ? 0 : options.getAddressSliceMs(),
        null,
        false);
  }

  /** Lower-case option values (--linker=scan) to their constants, with a clear error. */
  public static <E extends Enum<E>> E parse(Class<E> type, String flag, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : " or ").append(constant.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(flag + " must be " + allowed + ", not '" + value + "'");
  }

  public LinkSettings withLinker(Linker value) {
    return new LinkSettings(
        value, idleFlushMs, maxOutOfOrderMs, bestParent, lateLinks, reviseHorizonMs, addressSliceMs, outageBroker,
        restoresState);
  }

  public LinkSettings withBestParent(boolean value) {
    return new LinkSettings(
        linker, idleFlushMs, maxOutOfOrderMs, value, lateLinks, reviseHorizonMs, addressSliceMs, outageBroker,
        restoresState);
  }

  public LinkSettings withLateLinks(LateLinks value, long horizonMs) {
    return new LinkSettings(
        linker, idleFlushMs, maxOutOfOrderMs, bestParent, value, horizonMs, addressSliceMs, outageBroker,
        restoresState);
  }

  public LinkSettings withBound(long value) {
    return new LinkSettings(
        linker, idleFlushMs, value, bestParent, lateLinks, reviseHorizonMs, addressSliceMs, outageBroker,
        restoresState);
  }

  public LinkSettings withAddressSliceMs(long value) {
    return new LinkSettings(
        linker, idleFlushMs, maxOutOfOrderMs, bestParent, lateLinks, reviseHorizonMs, value, outageBroker,
        restoresState);
  }

  /**
   * The idle flush waits out faults ({@link QuietClock}): the job's restarts, and the outages of
   * {@code broker}, the bootstrap servers of the Kafka source, which reports them.
   */
  public LinkSettings withOutagesOf(String broker) {
    return new LinkSettings(
        linker, idleFlushMs, maxOutOfOrderMs, bestParent, lateLinks, reviseHorizonMs, addressSliceMs, broker,
        restoresState);
  }

  /**
   * The runner restores keyed state from checkpoints into new instances of the functions, one per
   * key range (Flink): the counters of what is held, which start again at zero, are made whole
   * from the restored state. Not on the DirectRunner, which runs one instance per thread over the
   * same keys and never restores.
   */
  public LinkSettings withRestoringRunner(boolean value) {
    return new LinkSettings(
        linker, idleFlushMs, maxOutOfOrderMs, bestParent, lateLinks, reviseHorizonMs, addressSliceMs, outageBroker,
        value);
  }

  public Linker linker() {
    return linker;
  }

  public long idleFlushMs() {
    return idleFlushMs;
  }

  /** The out-of-orderness bound, named in the lateness log. */
  public long maxOutOfOrderMs() {
    return maxOutOfOrderMs;
  }

  public boolean bestParent() {
    return bestParent;
  }

  public LateLinks lateLinks() {
    return lateLinks;
  }

  /** Whether addresses are cut into slices of event time (--addressSliceMs above 0). */
  public boolean slicesAddresses() {
    return addressSliceMs > 0;
  }

  /** How each address's event time is cut into keys (--addressSliceMs). */
  AddressSlices addressSlices() {
    return new AddressSlices(addressSliceMs);
  }

  boolean restoresState() {
    return restoresState;
  }

  /** A fresh clock of how long each key has been quiet, for one linker instance. */
  QuietClock quietClock() {
    if (outageBroker != null) {
      return QuietClock.guardingOutagesOf(outageBroker);
    }
    return restoresState ? QuietClock.guardingRestarts() : QuietClock.sinceLastArrival();
  }

  /** How long past its emission a call is kept to receive late links (revise mode). */
  public long reviseHorizonMs() {
    return reviseHorizonMs;
  }
}

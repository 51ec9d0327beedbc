package dev.callchain.pipeline.link;

import dev.callchain.pipeline.options.CallchainOptions;
import dev.callchain.pipeline.options.EnvironmentDefaults;
import dev.callchain.pipeline.outage.QuietClock;
import java.io.Serializable;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/** How calls are linked: which linker, and what the linker adds beyond SPEC §2-§4. */
public final class LinkSettings implements Serializable, Cloneable {
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

  // Never changed once a LinkSettings is handed out: each with* method changes a copy.
  private Linker linker = Linker.INDEX;
  private final long idleFlushMs;
  private long maxOutOfOrderMs = EnvironmentDefaults.MAX_OUT_OF_ORDER_MS;
  private boolean bestParent;
  private LateLinks lateLinks = LateLinks.DROP;
  private long reviseHorizonMs = EnvironmentDefaults.MAX_OUT_OF_ORDER_MS;
  private long addressSliceMs;
  private long skewToleranceMs;
  /** The broker whose outages (and the job's restarts) the idle flush waits out, or null. */
  private @Nullable String outageBroker;
  private boolean restoresState;

  private LinkSettings(long idleFlushMs) {
    this.idleFlushMs = idleFlushMs;
  }

  /** The index linker, plain SPEC output, late links dropped, the default bound. */
  public static LinkSettings idleFlushAfter(long idleFlushMs) {
    return new LinkSettings(idleFlushMs);
  }

  public static LinkSettings from(CallchainOptions options) {
    LinkSettings settings = new LinkSettings(options.getIdleFlushMs());
    settings.linker = parse(Linker.class, "--linker", options.getLinker());
    settings.maxOutOfOrderMs = options.getMaxOutOfOrderMs();
    settings.bestParent = options.getBestParent() || options.getTraces();
    settings.lateLinks = parse(LateLinks.class, "--lateLinks", options.getLateLinks());
    Long horizon = options.getReviseHorizonMs();
    settings.reviseHorizonMs = horizon == null ? settings.maxOutOfOrderMs : horizon;
    settings.addressSliceMs = options.getAddressSliceMs() == null ? 0 : options.getAddressSliceMs();
    settings.skewToleranceMs = options.getSkewToleranceMs();
    return settings;
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
    LinkSettings copy = copy();
    copy.linker = value;
    return copy;
  }

  public LinkSettings withBestParent(boolean value) {
    LinkSettings copy = copy();
    copy.bestParent = value;
    return copy;
  }

  public LinkSettings withLateLinks(LateLinks value, long horizonMs) {
    LinkSettings copy = copy();
    copy.lateLinks = value;
    copy.reviseHorizonMs = horizonMs;
    return copy;
  }

  public LinkSettings withBound(long value) {
    LinkSettings copy = copy();
    copy.maxOutOfOrderMs = value;
    return copy;
  }

  public LinkSettings withSkewToleranceMs(long value) {
    LinkSettings copy = copy();
    copy.skewToleranceMs = value;
    return copy;
  }

  public LinkSettings withAddressSliceMs(long value) {
    LinkSettings copy = copy();
    copy.addressSliceMs = value;
    return copy;
  }

  /**
   * The idle flush waits out faults ({@link QuietClock}): the job's restarts, and the outages of
   * {@code broker}, the bootstrap servers of the Kafka source, which reports them.
   */
  public LinkSettings withOutagesOf(String broker) {
    LinkSettings copy = copy();
    copy.outageBroker = broker;
    return copy;
  }

  /**
   * The runner restores keyed state from checkpoints into new instances of the functions, one per
   * key range (Flink): the counters of what is held, which start again at zero, are made whole
   * from the restored state. Not on the DirectRunner, which runs one instance per thread over the
   * same keys and never restores.
   */
  public LinkSettings withRestoringRunner(boolean value) {
    LinkSettings copy = copy();
    copy.restoresState = value;
    return copy;
  }

  /** Every field as it is: they are all immutable values. */
  private LinkSettings copy() {
    try {
      return (LinkSettings) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError("LinkSettings is Cloneable", e);
    }
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

  /**
   * How far, in ms, a best parent may miss containment at either end (--skewToleranceMs): the
   * clock skew between two hosts. 0 keeps the plain rule for best_parent too.
   */
  public long skewToleranceMs() {
    return skewToleranceMs;
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

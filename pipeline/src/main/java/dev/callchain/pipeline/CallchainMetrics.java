package dev.callchain.pipeline;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;

/** The names of the pipeline's Beam counters, all in one namespace. */
public final class CallchainMetrics {
  public static final String NAMESPACE = "callchain";

  public static final String CALLS_READ = "calls_read";
  public static final String BLANK_LINES = "blank_lines_skipped";
  public static final String CALLS_ACCEPTED = "calls_accepted";
  public static final String CALLS_REJECTED = "calls_rejected";
  public static final String LINKS = "links";
  public static final String LATE_CALLS = "late_calls";
  public static final String LATE_LINKS = "late_links";
  public static final String REDELIVERED = "redelivered_calls";
  public static final String IDLE_FLUSHES = "idle_flushes";
  public static final String IDLE_FLUSHED_CALLS = "idle_flushed_calls";
  public static final String CALLS_EMITTED = "calls_emitted";
  public static final String DUPLICATE_HALVES = "duplicate_link_halves";
  public static final String UNPAIRED_EMITTED = "unpaired_calls_emitted";
  public static final String UNPAIRED_DROPPED = "unpaired_link_halves_dropped";
  /** Halves of emitted calls re-emitted with late links (--lateLinks=revise). */
  public static final String REVISED_HALVES = "revised_link_halves";
  /** Output records that revise one emitted before (--lateLinks=revise). */
  public static final String REVISIONS = "revisions_emitted";
  /** Calls the assembler keeps emitted for revisions, now. */
  public static final String KEPT_FOR_REVISION = "calls_kept_for_revision";
  /** Calls held by the linker (one per role) now: up on admission, down on emission. */
  public static final String HELD = "held_call_roles";
  /** Link halves waiting for their partner now. */
  public static final String WAITING_HALVES = "waiting_link_halves";
  /** A distribution: how far behind its address's emission point a late call started, in ms. */
  public static final String LATENESS = "lateness_ms";
  /** A gauge: the 99th percentile of lateness_ms, as last logged. */
  public static final String LATENESS_P99 = "lateness_p99_ms";
  /** A distribution: calls held under one address (both roles), seen at each admission. */
  public static final String HELD_PER_ADDRESS = "held_per_address";

  /** Traces whose root was written (--traces). */
  public static final String TRACES_COMPLETED = "traces_completed";
  /** Calls that started a trace of their own because their best parent never came (--traces). */
  public static final String TRACE_PARENTS_MISSING = "trace_parents_missing";
  /** Calls that started a trace of their own because best_parent led in a circle (--traces). */
  public static final String TRACE_CYCLES_BROKEN = "trace_cycles_broken";
  /** Calls waiting for an ancestor before they can be written with their trace, now. */
  public static final String WAITING_FOR_ANCESTORS = "calls_waiting_for_ancestors";

  private CallchainMetrics() {}

  public static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  public static Distribution distribution(String name) {
    return Metrics.distribution(NAMESPACE, name);
  }

  public static Gauge gauge(String name) {
    return Metrics.gauge(NAMESPACE, name);
  }
}

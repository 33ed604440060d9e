package dev.ferry;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The state a job is in; a job is in exactly one state (and one Redis structure) at every instant.
 *
 * <p>The legal moves are data ({@link #canMoveTo}); every broker transition is checked against
 * them in the contract suite.
 */
public enum JobState {
  /** Enqueued with a delay or run-at; the promoter moves it to {@link #PENDING} when due. */
  SCHEDULED,
  /** Waiting in its queue; a worker's claim moves it to {@link #ACTIVE}. */
  PENDING,
  /**
   * Held by a worker under a lease. The worker settles it (completed, retry, dead, snoozed into
   * scheduled, or handed back to pending); the reaper moves it on when the lease expires.
   */
  ACTIVE,
  /** Failed and waiting for its backoff to pass; the promoter moves it to {@link #PENDING}. */
  RETRY,
  /** Ran successfully. Final; the pruner deletes it after the completed-retention window. */
  COMPLETED,
  /**
   * Failed with no retries left, was discarded, or had no handler. Final for workers; an operator
   * may requeue it to {@link #PENDING} or purge it. The pruner deletes it after the dead-retention
   * window.
   */
  DEAD,
  /** Cancelled by an operator before it completed. Final. */
  CANCELLED;

  private static final Map<JobState, Set<JobState>> MOVES =
      Map.of(
          SCHEDULED, EnumSet.of(PENDING, CANCELLED),
          PENDING, EnumSet.of(ACTIVE, CANCELLED),
          ACTIVE, EnumSet.of(COMPLETED, RETRY, DEAD, SCHEDULED, PENDING, CANCELLED),
          RETRY, EnumSet.of(PENDING, CANCELLED),
          COMPLETED, EnumSet.noneOf(JobState.class),
          DEAD, EnumSet.of(PENDING),
          CANCELLED, EnumSet.noneOf(JobState.class));

  /** Whether the transition table allows a move from this state to {@code next}. */
  public boolean canMoveTo(JobState next) {
    return MOVES.get(this).contains(next);
  }

  /** Whether no worker will move the job on: completed, dead or cancelled. */
  public boolean isFinal() {
    return this == COMPLETED || this == DEAD || this == CANCELLED;
  }

  /** The lowercase name used in Redis, JSON, the CLI and the HTTP API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a lowercase or uppercase state name; throws with the list of valid names otherwise. */
  public static JobState fromWireName(String name) {
    for (JobState s : values()) {
      if (s.name().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown job state '" + name + "' (expected one of scheduled, pending, active, retry,"
            + " completed, dead, cancelled)");
  }
}

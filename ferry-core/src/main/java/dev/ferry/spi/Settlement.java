package dev.ferry.spi;

/**
 * How a worker ends its lease on one job. A broker applies each settlement atomically and only if
 * the lease's token is still the job's current token.
 */
public sealed interface Settlement {
  Lease lease();

  /** The handler succeeded: the job becomes completed. */
  record Complete(Lease lease) implements Settlement {}

  /** The attempt failed and retries remain: the job waits in retry for {@code delayMillis}. */
  record Retry(Lease lease, long delayMillis, String error) implements Settlement {}

  /** The job is dead: retries are spent, the handler discarded it, or no handler exists. */
  record Dead(Lease lease, String error) implements Settlement {}

  /**
   * The handler asked to run again later: the job is scheduled {@code delayMillis} ahead and the
   * attempt is given back.
   */
  record Snooze(Lease lease, long delayMillis) implements Settlement {}

  /** The worker is shutting down: the job goes back to pending at once and the attempt is given back. */
  record Release(Lease lease) implements Settlement {}
}

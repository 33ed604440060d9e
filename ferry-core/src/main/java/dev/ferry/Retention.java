package dev.ferry;

import java.time.Duration;

/**
 * How long finished jobs are kept, so storage stays bounded.
 *
 * @param completedFor completed jobs older than this are deleted
 * @param completedMax at most this many completed jobs are kept per queue
 * @param deadFor dead jobs older than this are deleted
 * @param deadMax at most this many dead jobs are kept per queue
 */
public record Retention(Duration completedFor, long completedMax, Duration deadFor, long deadMax) {
  /** Completed: 1 hour, at most 10,000 per queue. Dead: 90 days, at most 10,000 per queue. */
  public static final Retention DEFAULT =
      new Retention(Duration.ofHours(1), 10_000, Duration.ofDays(90), 10_000);

  public Retention {
    if (completedFor.isNegative() || deadFor.isNegative() || completedMax < 0 || deadMax < 0) {
      throw new IllegalArgumentException("retention windows and counts must not be negative");
    }
  }
}

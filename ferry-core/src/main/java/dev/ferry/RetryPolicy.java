package dev.ferry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides how long a failed job waits before its next attempt.
 *
 * <p>The default is exponential backoff with full jitter: a random delay between 0 and {@code
 * min(cap, base * 2^(attempt-1))}. Full jitter spreads the retries of many jobs that failed
 * together, so a recovering downstream is not hit by a thundering herd.
 */
@FunctionalInterface
public interface RetryPolicy {

  /**
   * The delay before the next attempt.
   *
   * @param attempt the attempt that just failed (1 for the first)
   * @param error what failed
   */
  Duration backoff(int attempt, Throwable error);

  /** Exponential backoff with full jitter: base 1 s, capped at 1 hour. */
  static RetryPolicy defaultPolicy() {
    return exponential(Duration.ofSeconds(1), Duration.ofHours(1));
  }

  /** Exponential backoff with full jitter from {@code base}, capped at {@code cap}. */
  static RetryPolicy exponential(Duration base, Duration cap) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + ", cap " + cap);
    }
    long baseMs = base.toMillis();
    long capMs = cap.toMillis();
    return (attempt, error) -> {
      long ceiling = baseMs;
      for (int i = 1; i < attempt && ceiling < capMs; i++) {
        ceiling *= 2;
      }
      ceiling = Math.min(ceiling, capMs);
      return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    };
  }

  /** The same delay every time (tests and demos). */
  static RetryPolicy fixed(Duration delay) {
    return (attempt, error) -> delay;
  }
}

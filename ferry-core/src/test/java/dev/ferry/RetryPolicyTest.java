package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void fullJitterStaysWithinTheExponentialCeiling() {
    RetryPolicy p = RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(10));
    for (int attempt = 1; attempt <= 30; attempt++) {
      long ceiling = Math.min(10_000, 100L << Math.min(attempt - 1, 20));
      for (int i = 0; i < 200; i++) {
        assertThat(p.backoff(attempt, null).toMillis()).isBetween(0L, ceiling);
      }
    }
  }

  @Test
  void ceilingGrowsSoAverageDelayGrows() {
    RetryPolicy p = RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofHours(1));
    double previous = 0;
    for (int attempt = 1; attempt <= 6; attempt++) {
      double sum = 0;
      for (int i = 0; i < 2000; i++) {
        sum += p.backoff(attempt, null).toMillis();
      }
      double mean = sum / 2000;
      assertThat(mean).as("mean delay after attempt %d", attempt).isGreaterThan(previous);
      previous = mean;
    }
  }

  @Test
  void hugeAttemptNumbersDoNotOverflow() {
    RetryPolicy p = RetryPolicy.defaultPolicy();
    assertThat(p.backoff(10_000, null)).isBetween(Duration.ZERO, Duration.ofHours(1));
  }

  @Test
  void rejectsNonsenseBounds() {
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("0 < base <= cap");
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("0 < base <= cap");
  }
}

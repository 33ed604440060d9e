package dev.ferry;

import java.time.Duration;
import java.util.Objects;

/**
 * How a handler ends an attempt. Throwing an exception is the same as {@link #retry}.
 *
 * <ul>
 *   <li>{@link #success()}: the job is completed.
 *   <li>{@link #retry(String)}: the attempt failed; the job retries after the retry policy's
 *       backoff, or goes dead when no retries remain.
 *   <li>{@link #discard(String)}: skip retries; the job goes dead at once (a poison payload).
 *   <li>{@link #snooze(Duration)}: run again after {@code delay}, without spending an attempt.
 * </ul>
 */
public sealed interface JobOutcome {

  /** The job completed. */
  static JobOutcome success() {
    return Success.INSTANCE;
  }

  /** The attempt failed with {@code error}; retry if retries remain. */
  static JobOutcome retry(String error) {
    return new Retry(Objects.requireNonNull(error, "error"));
  }

  /** The job cannot succeed: send it to the dead set now with {@code reason}. */
  static JobOutcome discard(String reason) {
    return new Discard(Objects.requireNonNull(reason, "reason"));
  }

  /** Run the job again after {@code delay}; the attempt is not counted. */
  static JobOutcome snooze(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("snooze delay must be zero or positive, got " + delay);
    }
    return new Snooze(delay);
  }

  /** See {@link JobOutcome#success()}. */
  enum Success implements JobOutcome {
    INSTANCE
  }

  /** See {@link JobOutcome#retry(String)}. */
  record Retry(String error) implements JobOutcome {}

  /** See {@link JobOutcome#discard(String)}. */
  record Discard(String reason) implements JobOutcome {}

  /** See {@link JobOutcome#snooze(Duration)}. */
  record Snooze(Duration delay) implements JobOutcome {}
}

package dev.ferry;

import java.time.Duration;
import java.time.Instant;

/**
 * One step in a job's life, as listeners, the event log, {@code ferry events tail} and the HTTP
 * event stream see it.
 *
 * @param kind what happened
 * @param jobId the job
 * @param queue its queue
 * @param type its type
 * @param attempt the attempt the event belongs to (0 before the first run)
 * @param at when it happened
 * @param duration for completed/failed: how long the attempt ran; else null
 * @param waited for started: how long the job waited from due to handler start (pickup latency);
 *     else null
 * @param error for failed/dead: the error's first line; else null
 */
public record JobEvent(
    Kind kind,
    String jobId,
    String queue,
    String type,
    int attempt,
    Instant at,
    Duration duration,
    Duration waited,
    String error) {

  /** The kinds of lifecycle events. */
  public enum Kind {
    /** Stored by an enqueue. */
    ENQUEUED,
    /** A worker started an attempt. */
    STARTED,
    /** An attempt succeeded; the job is completed. */
    COMPLETED,
    /** An attempt failed (followed by retried or dead). */
    FAILED,
    /** A failed job will run again after its backoff. */
    RETRIED,
    /** The job went to the dead set. */
    DEAD,
    /** The job was cancelled. */
    CANCELLED,
    /** The handler snoozed the job. */
    SNOOZED;

    /** The lowercase name used on the wire. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** An event with only the identifying fields. */
  public static JobEvent of(Kind kind, String jobId, String queue, String type, int attempt, Instant at) {
    return new JobEvent(kind, jobId, queue, type, attempt, at, null, null, null);
  }
}

package dev.ferry.redis.internal;

import dev.ferry.JobInfo;
import dev.ferry.JobState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Reads a job hash ({@code P:{q}:job:<id>}, schema version 2) and its lease, if any, into a
 * {@link JobInfo}.
 *
 * <p>Fields: {@code v type payload state max created} always; {@code attempt updated due timeout
 * error ukey} once they have a value of their own (an absent {@code attempt} is 0, an absent
 * {@code updated} or {@code due} is {@code created}, an absent {@code timeout} is the worker's
 * default). The id and queue are in the key. Times in epoch ms, numbers in ASCII decimal, the
 * payload as raw bytes. The hash is
 * written when a job is enqueued and each time an attempt ends, not when it is claimed: while a
 * job is active, the queue's leases hash holds {@code "token:attempt"} for it, and that lease is
 * what makes it active and says which attempt runs.
 */
public final class JobRecord {
  private JobRecord() {}

  /** The job, or null when the hash is empty (the job does not exist); {@code lease} is its leases-hash value or null. */
  public static JobInfo toInfo(String queue, String id, Map<String, byte[]> h, byte[] lease) {
    if (h == null || h.isEmpty() || !h.containsKey("state")) {
      return null;
    }
    JobState state = lease != null ? JobState.ACTIVE : JobState.fromWireName(text(h, "state"));
    int attempt = lease != null ? leaseAttempt(lease) : (int) number(h, "attempt");
    boolean waiting = state == JobState.SCHEDULED || state == JobState.RETRY;
    long timeout = number(h, "timeout");
    byte[] payload = h.get("payload");
    long created = number(h, "created");
    return new JobInfo(
        id,
        text(h, "type"),
        queue,
        state,
        attempt,
        (int) number(h, "max"),
        waiting ? Instant.ofEpochMilli(number(h, "due", created)) : null,
        text(h, "error"),
        Instant.ofEpochMilli(created),
        Instant.ofEpochMilli(number(h, "updated", created)),
        timeout > 0 ? Duration.ofMillis(timeout) : null,
        payload == null ? new byte[0] : payload);
  }

  /** The attempt of a leases-hash value {@code "token:attempt"}. */
  static int leaseAttempt(byte[] lease) {
    String v = new String(lease, StandardCharsets.US_ASCII);
    return (int) Replies.parseLong(v.substring(v.indexOf(':') + 1));
  }

  private static String text(Map<String, byte[]> h, String field) {
    byte[] b = h.get(field);
    return b == null || b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static long number(Map<String, byte[]> h, String field) {
    return number(h, field, 0);
  }

  private static long number(Map<String, byte[]> h, String field, long absent) {
    byte[] b = h.get(field);
    return b == null || b.length == 0 ? absent : Replies.parseLong(new String(b, StandardCharsets.US_ASCII));
  }
}

package dev.ferry.redis.internal;

import dev.ferry.JobInfo;
import dev.ferry.JobState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a job's fields, as {@code readJobs.lua} answers them, into a {@link JobInfo}.
 *
 * <p>Fields: {@code state max created type payload} always; {@code attempt updated due timeout
 * error ukey} once they have a value of their own (an absent {@code attempt} is 0, an absent
 * {@code updated} or {@code due} is {@code created}, an absent {@code timeout} is the worker's
 * default); {@code lease} ({@code "token:attempt"}) while the job is active. Times in epoch ms,
 * numbers in ASCII decimal, the payload as raw bytes. The record (packed in the queue's jobs hash,
 * ADR 0009) is written when a job is enqueued and each time an attempt ends, not when it is
 * claimed: while a job is active, the queue's leases hash holds its lease, and that lease is what
 * makes it active and says which attempt runs.
 */
public final class JobRecord {
  private JobRecord() {}

  /** The job, or null when {@code fields} (a flat name/value list) is empty: the job is not stored. */
  static JobInfo toInfo(String queue, String id, List<?> fields) {
    Map<String, byte[]> h = new HashMap<>();
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      h.put(new String((byte[]) fields.get(i), StandardCharsets.UTF_8), (byte[]) fields.get(i + 1));
    }
    if (!h.containsKey("state")) {
      return null;
    }
    byte[] lease = h.get("lease");
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

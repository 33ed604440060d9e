package dev.ferry;

import dev.ferry.internal.JobIds;
import dev.ferry.spi.JobSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Checks a {@link JobRequest} and turns it into a {@link JobSpec}, or says what is wrong. */
final class JobValidator {
  static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  static final int MAX_TYPE_LENGTH = 200;
  static final int MAX_RETRIES_LIMIT = 10_000;

  private final long maxPayloadBytes;
  private final Clock clock;

  JobValidator(long maxPayloadBytes, Clock clock) {
    this.maxPayloadBytes = maxPayloadBytes;
    this.clock = clock;
  }

  JobSpec toSpec(JobRequest r) {
    String queue = checkQueue(r.queue());
    String type = checkType(r.type(), queue);
    if (r.payloadUnsafe().length > maxPayloadBytes) {
      throw new InvalidJobException(
          "payload is " + r.payloadUnsafe().length + " bytes, over the limit of " + maxPayloadBytes
              + " bytes (raise it with JobClient.builder().maxPayloadBytes, or store the data"
              + " elsewhere and enqueue a reference)",
          r.id(),
          queue);
    }
    if (r.maxRetries() < 0 || r.maxRetries() > MAX_RETRIES_LIMIT) {
      throw new InvalidJobException(
          "maxRetries must be between 0 and " + MAX_RETRIES_LIMIT + ", got " + r.maxRetries(),
          r.id(),
          queue);
    }
    long delayMillis = 0;
    if (r.delay() != null) {
      if (r.delay().isNegative()) {
        throw new InvalidJobException(
            "delay must be zero or positive, got " + r.delay(), r.id(), queue);
      }
      delayMillis = r.delay().toMillis();
    } else if (r.runAt() != null) {
      delayMillis = Math.max(0, r.runAt().toEpochMilli() - clock.millis());
    }
    long timeoutMillis = 0;
    if (r.timeout() != null) {
      timeoutMillis = positiveMillis(r.timeout(), "timeout", r.id(), queue);
    }
    String uniqueKey = null;
    long uniqueTtl = 0;
    if (r.uniqueFor() != null) {
      uniqueTtl = positiveMillis(r.uniqueFor(), "uniqueFor", r.id(), queue);
      uniqueKey = r.uniqueKey() != null ? checkUniqueKey(r.uniqueKey(), queue) : derive(r);
    } else if (r.uniqueKey() != null) {
      throw new InvalidJobException(
          "uniqueKey needs uniqueFor(ttl): say how long the key holds", r.id(), queue);
    }
    String id = r.id();
    if (id != null && !JOB_ID.matcher(id).matches()) {
      throw new InvalidJobException(
          "job id '" + id + "' is invalid: use 1-128 characters of letters, digits, '.', '_', ':'"
              + " or '-'",
          null,
          queue);
    }
    return new JobSpec(
        id != null ? id : JobIds.next(),
        id != null,
        type,
        queue,
        r.payloadUnsafe(),
        r.maxRetries(),
        delayMillis,
        timeoutMillis,
        uniqueKey,
        uniqueTtl);
  }

  /** Checks a queue name given to any entry point. */
  static String checkQueue(String queue) {
    if (queue == null || !QUEUE_NAME.matcher(queue).matches()) {
      throw new InvalidJobException(
          "queue name '" + queue + "' is invalid: use 1-100 characters of letters, digits, '.',"
              + " '_' or '-'");
    }
    return queue;
  }

  private static String checkType(String type, String queue) {
    if (type == null || type.isBlank()) {
      throw new InvalidJobException("job type must not be empty", null, queue);
    }
    if (type.length() > MAX_TYPE_LENGTH || type.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidJobException(
          "job type must be at most " + MAX_TYPE_LENGTH + " characters with no control characters",
          null,
          queue);
    }
    return type;
  }

  private static String checkUniqueKey(String key, String queue) {
    if (key.isEmpty() || key.length() > 200 || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidJobException(
          "uniqueKey must be 1-200 characters with no control characters", null, queue);
    }
    return key;
  }

  private static long positiveMillis(Duration d, String what, String id, String queue) {
    if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
      throw new InvalidJobException(what + " must be at least 1 ms, got " + d, id, queue);
    }
    return d.toMillis();
  }

  /** The uniqueness key of type + payload: a SHA-256, so any payload size gives a short key. */
  private static String derive(JobRequest r) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(r.type().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(r.payloadUnsafe());
      return r.type() + ":" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

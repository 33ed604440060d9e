package dev.ferry;

import dev.ferry.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A job to enqueue: its type, payload and options. Immutable; each option method returns a copy.
 *
 * <pre>{@code
 * client.enqueue(JobRequest.ofJson("email.welcome", Map.of("user", 42))
 *     .queue("critical")
 *     .maxRetries(5)
 *     .uniqueFor(Duration.ofMinutes(10)));
 * }</pre>
 *
 * <p>Values are checked when the request is enqueued (see {@link JobClient}); an invalid request
 * throws {@link InvalidJobException} and writes nothing.
 */
public final class JobRequest {
  /** The queue a job goes to when none is given. */
  public static final String DEFAULT_QUEUE = "default";
  /** Retries allowed after the first attempt when none is given (as Sidekiq). */
  public static final int DEFAULT_MAX_RETRIES = 25;

  private final String type;
  private final byte[] payload;
  private final String queue;
  private final int maxRetries;
  private final Duration delay;
  private final Instant runAt;
  private final Duration timeout;
  private final Duration uniqueFor;
  private final String uniqueKey;
  private final String id;

  private JobRequest(
      String type,
      byte[] payload,
      String queue,
      int maxRetries,
      Duration delay,
      Instant runAt,
      Duration timeout,
      Duration uniqueFor,
      String uniqueKey,
      String id) {
    this.type = type;
    this.payload = payload;
    this.queue = queue;
    this.maxRetries = maxRetries;
    this.delay = delay;
    this.runAt = runAt;
    this.timeout = timeout;
    this.uniqueFor = uniqueFor;
    this.uniqueKey = uniqueKey;
    this.id = id;
  }

  /** A job of {@code type} with an opaque payload (may be empty, not null). */
  public static JobRequest of(String type, byte[] payload) {
    return new JobRequest(
        type,
        Objects.requireNonNull(payload, "payload").clone(),
        DEFAULT_QUEUE,
        DEFAULT_MAX_RETRIES,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A job of {@code type} with no payload. */
  public static JobRequest of(String type) {
    return of(type, new byte[0]);
  }

  /** A job of {@code type} whose payload is {@code value} written as JSON by Jackson. */
  public static JobRequest ofJson(String type, Object value) {
    return of(type, Json.write(value));
  }

  /** The queue to put the job on (default {@value #DEFAULT_QUEUE}). */
  public JobRequest queue(String queue) {
    return new JobRequest(type, payload, queue, maxRetries, delay, runAt, timeout, uniqueFor, uniqueKey, id);
  }

  /** Retries allowed after the first attempt (default {@value #DEFAULT_MAX_RETRIES}); 0 = none. */
  public JobRequest maxRetries(int maxRetries) {
    return new JobRequest(type, payload, queue, maxRetries, delay, runAt, timeout, uniqueFor, uniqueKey, id);
  }

  /** Run no earlier than {@code delay} from now. Replaces any {@link #runAt}. */
  public JobRequest delay(Duration delay) {
    return new JobRequest(type, payload, queue, maxRetries, delay, null, timeout, uniqueFor, uniqueKey, id);
  }

  /** Run no earlier than {@code runAt}. Replaces any {@link #delay}. */
  public JobRequest runAt(Instant runAt) {
    return new JobRequest(type, payload, queue, maxRetries, null, runAt, timeout, uniqueFor, uniqueKey, id);
  }

  /** How long one attempt may run before the handler is interrupted and the attempt fails. */
  public JobRequest timeout(Duration timeout) {
    return new JobRequest(type, payload, queue, maxRetries, delay, runAt, timeout, uniqueFor, uniqueKey, id);
  }

  /**
   * Refuse another job with the same uniqueness key on this queue for {@code ttl}. The key is
   * derived from type and payload unless {@link #uniqueKey} gives one.
   */
  public JobRequest uniqueFor(Duration ttl) {
    return new JobRequest(type, payload, queue, maxRetries, delay, runAt, timeout, ttl, uniqueKey, id);
  }

  /** An explicit uniqueness key; takes effect with {@link #uniqueFor}. */
  public JobRequest uniqueKey(String key) {
    return new JobRequest(type, payload, queue, maxRetries, delay, runAt, timeout, uniqueFor, key, id);
  }

  /** A caller-given job id; an enqueue with an id already stored in the queue is a duplicate. */
  public JobRequest id(String id) {
    return new JobRequest(type, payload, queue, maxRetries, delay, runAt, timeout, uniqueFor, uniqueKey, id);
  }

  public String type() {
    return type;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  byte[] payloadUnsafe() {
    return payload;
  }

  public String queue() {
    return queue;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Duration delay() {
    return delay;
  }

  public Instant runAt() {
    return runAt;
  }

  public Duration timeout() {
    return timeout;
  }

  public Duration uniqueFor() {
    return uniqueFor;
  }

  public String uniqueKey() {
    return uniqueKey;
  }

  public String id() {
    return id;
  }
}

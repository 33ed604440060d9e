package dev.ferry.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A job to enqueue over HTTP: a type, a payload (any value Jackson writes as JSON, or raw bytes)
 * and options. Immutable; each option returns a copy.
 */
public record Enqueue(
    String type,
    Object payload,
    byte[] payloadBytes,
    Duration delay,
    Instant runAt,
    Integer maxRetries,
    Duration timeout,
    Duration uniqueFor,
    String uniqueKey,
    String id,
    String idempotencyKey) {

  public Enqueue {
    Objects.requireNonNull(type, "type");
  }

  /** A job of {@code type} with a JSON payload ({@code null} for none). */
  public static Enqueue of(String type, Object payload) {
    return new Enqueue(type, payload, null, null, null, null, null, null, null, null, null);
  }

  /** A job of {@code type} with raw payload bytes. */
  public static Enqueue ofBytes(String type, byte[] payload) {
    return new Enqueue(type, null, payload.clone(), null, null, null, null, null, null, null, null);
  }

  public Enqueue delay(Duration d) {
    return new Enqueue(type, payload, payloadBytes, d, null, maxRetries, timeout, uniqueFor, uniqueKey, id, idempotencyKey);
  }

  public Enqueue runAt(Instant at) {
    return new Enqueue(type, payload, payloadBytes, null, at, maxRetries, timeout, uniqueFor, uniqueKey, id, idempotencyKey);
  }

  public Enqueue maxRetries(int n) {
    return new Enqueue(type, payload, payloadBytes, delay, runAt, n, timeout, uniqueFor, uniqueKey, id, idempotencyKey);
  }

  public Enqueue timeout(Duration t) {
    return new Enqueue(type, payload, payloadBytes, delay, runAt, maxRetries, t, uniqueFor, uniqueKey, id, idempotencyKey);
  }

  public Enqueue uniqueFor(Duration ttl) {
    return new Enqueue(type, payload, payloadBytes, delay, runAt, maxRetries, timeout, ttl, uniqueKey, id, idempotencyKey);
  }

  public Enqueue uniqueKey(String key) {
    return new Enqueue(type, payload, payloadBytes, delay, runAt, maxRetries, timeout, uniqueFor, key, id, idempotencyKey);
  }

  public Enqueue id(String jobId) {
    return new Enqueue(type, payload, payloadBytes, delay, runAt, maxRetries, timeout, uniqueFor, uniqueKey, jobId, idempotencyKey);
  }

  /** Sent as the {@code Idempotency-Key} header: a repeat within 24 h returns the first job. */
  public Enqueue idempotencyKey(String key) {
    return new Enqueue(type, payload, payloadBytes, delay, runAt, maxRetries, timeout, uniqueFor, uniqueKey, id, key);
  }
}

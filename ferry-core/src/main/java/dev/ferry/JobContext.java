package dev.ferry;

import java.time.Instant;

/** What a handler knows about the job it runs: identity, payload, attempt and its deadline. */
public interface JobContext {
  /** The job id (stable across attempts: use it as an idempotency key). */
  String id();

  /** The job type. */
  String type();

  /** The queue the job came from. */
  String queue();

  /** The payload bytes (a copy is not made: do not modify). */
  byte[] payload();

  /** The payload read as JSON into {@code type}; throws IllegalArgumentException if it is not. */
  <T> T payloadAs(Class<T> type);

  /** The payload as UTF-8 text. */
  String payloadText();

  /** This attempt's number: 1 for the first run. */
  int attempt();

  /** Retries allowed after the first attempt. */
  int maxRetries();

  /** When this attempt times out; the handler is interrupted then. */
  Instant deadline();

  /**
   * True once the attempt should stop: its timeout passed, its lease was lost to another worker,
   * or the worker is shutting down past its grace period. Long loops should check it.
   */
  boolean isCancelled();
}

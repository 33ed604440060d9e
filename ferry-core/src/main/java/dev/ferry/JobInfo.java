package dev.ferry;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one stored job, as operators and the API see it.
 *
 * @param id the job id
 * @param type the type that routes the job to a handler
 * @param queue the queue
 * @param state the current state
 * @param attempt how many times a worker has started the job
 * @param maxRetries how many retries are allowed after the first attempt
 * @param runAt when a scheduled or retry job is due; null otherwise
 * @param lastError the error of the last failed attempt, or null
 * @param createdAt when the job was enqueued
 * @param updatedAt when the job last changed state
 * @param timeout the per-attempt timeout, or null for the worker's default
 * @param payload the opaque payload
 */
public record JobInfo(
    String id,
    String type,
    String queue,
    JobState state,
    int attempt,
    int maxRetries,
    Instant runAt,
    String lastError,
    Instant createdAt,
    Instant updatedAt,
    Duration timeout,
    byte[] payload) {}

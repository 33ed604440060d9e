package dev.ferry.http;

/**
 * What an enqueue did.
 *
 * @param id the job's id (the first job's, when replayed by an idempotency key)
 * @param queue its queue
 * @param state its state (pending or scheduled when created)
 * @param replayed true when an {@code Idempotency-Key} repeat returned the first job
 */
public record Enqueued(String id, String queue, String state, boolean replayed) {}

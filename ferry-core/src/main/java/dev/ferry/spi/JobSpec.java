package dev.ferry.spi;

/**
 * A validated job ready to be stored by a broker; built by the client from a {@code JobRequest}.
 *
 * @param id the job id (generated when the caller gave none)
 * @param callerGivenId whether the id came from the caller (then a stored job with the same id
 *     in the queue makes the enqueue a duplicate)
 * @param type the handler type
 * @param queue the queue
 * @param payload the payload bytes
 * @param maxRetries retries allowed after the first attempt
 * @param delayMillis how long from now (broker time) until the job is due; 0 = pending at once
 * @param timeoutMillis per-attempt timeout in ms; 0 = the worker's default
 * @param uniqueKey the uniqueness key, or null when the job is not unique
 * @param uniqueTtlMillis how long the uniqueness key holds, in ms (0 when not unique)
 */
public record JobSpec(
    String id,
    boolean callerGivenId,
    String type,
    String queue,
    byte[] payload,
    int maxRetries,
    long delayMillis,
    long timeoutMillis,
    String uniqueKey,
    long uniqueTtlMillis) {}

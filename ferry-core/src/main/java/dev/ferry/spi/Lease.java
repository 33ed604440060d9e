package dev.ferry.spi;

/**
 * A worker's hold on one active job: the fencing token it got at claim time.
 *
 * <p>Every settle or extend names the lease; a broker refuses it when the token is not the job's
 * current one (the lease expired and the job was handed to someone else).
 *
 * @param queue the job's queue
 * @param jobId the job id
 * @param token the fencing token, strictly increasing per job with every claim
 */
public record Lease(String queue, String jobId, long token) {}

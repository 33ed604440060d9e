package dev.ferry.spi;

/**
 * A job a worker has claimed, with its lease and what the handler needs.
 *
 * @param lease the lease (queue, id, fencing token)
 * @param type the handler type
 * @param payload the payload
 * @param attempt the attempt number this claim starts (1 for the first run)
 * @param maxRetries retries allowed after the first attempt
 * @param timeoutMillis per-attempt timeout in ms; 0 = the worker's default
 * @param readyAtMillis epoch ms when the job became due (enqueue time or run-at), for pickup
 *     latency
 * @param leaseDeadlineMillis epoch ms (broker time) when the lease expires unless extended
 */
public record ClaimedJob(
    Lease lease,
    String type,
    byte[] payload,
    int attempt,
    int maxRetries,
    long timeoutMillis,
    long readyAtMillis,
    long leaseDeadlineMillis) {

  public String id() {
    return lease.jobId();
  }

  public String queue() {
    return lease.queue();
  }
}

package dev.ferry.redis.internal;

import dev.ferry.JobState;

/**
 * Builds every Redis key and channel name Ferry uses; no other class spells a key.
 *
 * <p>Every key of a queue carries the hash tag {@code {queue}}, so all of a queue's keys live in
 * one Cluster slot and each script (which touches one queue only) is legal on Redis Cluster. The
 * one global key, {@link #queues()}, is never touched by a script.
 */
public final class Keys {
  /** The prefix used when the caller names none. */
  public static final String DEFAULT_PREFIX = "ferry";

  private final String prefix;

  public Keys(String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException(
          "key prefix must be non-empty and must not contain '{' or '}', got '" + prefix + "'");
    }
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** {@code P:queues} (SET): every queue that has ever had a job enqueued. */
  public String queues() {
    return prefix + ":queues";
  }

  /**
   * {@code P:{~workers}:all} (HASH): worker id to its announcement (JSON). The tag {@code ~workers}
   * cannot be a queue name, so it never shares keys with a queue.
   */
  public String workers() {
    return prefix + ":{~workers}:all";
  }

  /** {@code P:{~workers}:seen} (ZSET): worker id to when its announcement lapses (ms). */
  public String workersSeen() {
    return prefix + ":{~workers}:seen";
  }

  /** {@code P:{q}:pending} (LIST): ids waiting to be claimed; claim pops from the right end. */
  public String pending(String queue) {
    return tagged(queue) + "pending";
  }

  /** {@code P:{q}:scheduled} (ZSET): id to due time (ms). */
  public String scheduled(String queue) {
    return tagged(queue) + "scheduled";
  }

  /** {@code P:{q}:retry} (ZSET): id to due time (ms). */
  public String retry(String queue) {
    return tagged(queue) + "retry";
  }

  /** {@code P:{q}:active} (ZSET): id to lease deadline (ms). */
  public String active(String queue) {
    return tagged(queue) + "active";
  }

  /**
   * {@code P:{q}:leases} (HASH): id to {@code "token:attempt"} of the lease held on the job now;
   * present exactly while the job is in {@link #active}.
   */
  public String leases(String queue) {
    return tagged(queue) + "leases";
  }

  /** {@code P:{q}:tokens} (STRING): the queue's fencing-token counter; each lease takes the next value. */
  public String tokens(String queue) {
    return tagged(queue) + "tokens";
  }

  /** {@code P:{q}:completed} (ZSET): id to finish time (ms). */
  public String completed(String queue) {
    return tagged(queue) + "completed";
  }

  /** {@code P:{q}:dead} (ZSET): id to time of death (ms). */
  public String dead(String queue) {
    return tagged(queue) + "dead";
  }

  /** {@code P:{q}:cancelled} (ZSET): id to cancel time (ms). */
  public String cancelled(String queue) {
    return tagged(queue) + "cancelled";
  }

  /** The structure that holds the jobs of a state (a LIST for pending, a ZSET otherwise). */
  public String state(String queue, JobState state) {
    return switch (state) {
      case PENDING -> pending(queue);
      case SCHEDULED -> scheduled(queue);
      case RETRY -> retry(queue);
      case ACTIVE -> active(queue);
      case COMPLETED -> completed(queue);
      case DEAD -> dead(queue);
      case CANCELLED -> cancelled(queue);
    };
  }

  /** {@code P:{q}:jobs} (HASH): id -> the job's record, packed into one value (ADR 0009). */
  public String jobs(String queue) {
    return tagged(queue) + "jobs";
  }

  /**
   * {@code P:{q}:job:} the prefix under which stores of earlier versions keep each job in a hash
   * of its own; scripts append the id, read such a job and move it into {@link #jobs}.
   */
  public String jobPrefix(String queue) {
    return tagged(queue) + "job:";
  }

  /** {@code P:{q}:job:<id>} (HASH): a job as earlier versions stored it (see {@link #jobPrefix}). */
  public String oldJob(String queue, String id) {
    return jobPrefix(queue) + id;
  }

  /**
   * {@code P:{q}:unique:<key>} (STRING): the id of the job holding a uniqueness key, with a TTL.
   * With a null key, the bare prefix: a same-slot placeholder for scripts given no unique key.
   */
  public String unique(String queue, String uniqueKey) {
    return tagged(queue) + "unique:" + (uniqueKey == null ? "" : uniqueKey);
  }

  /** {@code P:{q}:paused} (STRING): present while the queue is paused; claim takes nothing then. */
  public String paused(String queue) {
    return tagged(queue) + "paused";
  }

  /** {@code P:{q}:events} (STREAM): the capped log of the queue's lifecycle events. */
  public String events(String queue) {
    return tagged(queue) + "events";
  }

  /** {@code P:{q}:wake} (pub/sub channel): published when a job may have become pending. */
  public String wake(String queue) {
    return tagged(queue) + "wake";
  }

  private String tagged(String queue) {
    return prefix + ":{" + queue + "}:";
  }
}

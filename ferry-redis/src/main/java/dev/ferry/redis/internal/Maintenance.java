package dev.ferry.redis.internal;

import static dev.ferry.redis.internal.Replies.asList;
import static dev.ferry.redis.internal.Replies.asLong;
import static dev.ferry.redis.internal.Replies.bytes;

import dev.ferry.Retention;
import dev.ferry.spi.MaintenanceResult;
import java.util.List;

/**
 * The maintenance and operator transitions of one queue: promote due jobs, reap expired leases,
 * prune by retention, requeue and purge dead jobs. Each is one capped script call, atomic and
 * idempotent, so every node may run them at once.
 */
public final class Maintenance {
  private final ScriptRunner scripts;
  private final Keys keys;

  public Maintenance(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Moves up to {@code limit} due scheduled and retry jobs to pending. */
  public MaintenanceResult promoteDue(String q, int limit) {
    String[] k = {keys.scheduled(q), keys.retry(q), keys.pending(q), keys.jobs(q), keys.jobPrefix(q)};
    List<Object> r = asList(run(Script.PROMOTE_DUE, q, k, bytes(limit), bytes(keys.wake(q))));
    return new MaintenanceResult((int) asLong(r.get(0)), asLong(r.get(1)));
  }

  /** Moves up to {@code limit} jobs with expired leases to pending or dead. */
  public MaintenanceResult reapExpired(String q, int limit) {
    String[] k = {keys.active(q), keys.leases(q), keys.pending(q), keys.dead(q), keys.jobs(q), keys.jobPrefix(q)};
    return MaintenanceResult.of((int) asLong(run(Script.REAP_EXPIRED, q, k, bytes(limit), bytes(keys.wake(q)))));
  }

  /** Deletes up to {@code limit} completed and dead jobs outside {@code retention}. */
  public MaintenanceResult prune(String q, Retention retention, int limit) {
    String[] k = {keys.completed(q), keys.dead(q), keys.jobs(q), keys.jobPrefix(q)};
    Object r = run(
        Script.PRUNE, q, k,
        bytes(retention.completedFor().toMillis()),
        bytes(retention.completedMax()),
        bytes(retention.deadFor().toMillis()),
        bytes(retention.deadMax()),
        bytes(limit));
    return MaintenanceResult.of((int) asLong(r));
  }

  /** Requeues the dead job {@code id}, or, when {@code id} is null, up to {@code limit} oldest. */
  public long requeueDead(String q, String id, int limit) {
    String[] k = {keys.dead(q), keys.pending(q), keys.jobs(q), keys.jobPrefix(q)};
    return asLong(run(Script.REQUEUE_DEAD, q, k, bytes(id), bytes(limit), bytes(keys.wake(q))));
  }

  /** Deletes up to {@code limit} oldest dead jobs. */
  public long purgeDead(String q, int limit) {
    return asLong(run(Script.PURGE_DEAD, q, new String[] {keys.dead(q), keys.jobs(q), keys.jobPrefix(q)}, bytes(limit)));
  }

  private Object run(Script script, String queue, String[] k, byte[]... args) {
    return Await.one(scripts.call(script, k, args), "run " + script.fileName() + " on queue " + queue);
  }
}

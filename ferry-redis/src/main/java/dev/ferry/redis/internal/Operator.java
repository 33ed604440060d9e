package dev.ferry.redis.internal;

import static dev.ferry.redis.internal.Replies.asLong;
import static dev.ferry.redis.internal.Replies.bytes;

import io.lettuce.core.api.async.RedisAsyncCommands;

/** Runs operator actions on single jobs and queues: retry now, delete, pause and resume. */
public final class Operator {
  private static final byte[] FLAG = bytes("1");

  private final RedisAsyncCommands<String, byte[]> redis;
  private final ScriptRunner scripts;
  private final Keys keys;

  public Operator(RedisAsyncCommands<String, byte[]> redis, ScriptRunner scripts, Keys keys) {
    this.redis = redis;
    this.scripts = scripts;
    this.keys = keys;
  }

  public boolean retryNow(String q, String id) {
    String[] k = {keys.scheduled(q), keys.retry(q), keys.dead(q), keys.pending(q), keys.jobs(q), keys.jobPrefix(q)};
    return asLong(Await.one(scripts.call(Script.RETRY_NOW, k, bytes(id), bytes(keys.wake(q))), "retry job " + id)) == 1;
  }

  public boolean delete(String q, String id) {
    String[] k = {
      keys.pending(q), keys.scheduled(q), keys.retry(q), keys.active(q), keys.leases(q),
      keys.completed(q), keys.dead(q), keys.cancelled(q), keys.jobs(q), keys.jobPrefix(q)
    };
    return asLong(Await.one(scripts.call(Script.DELETE_JOB, k, bytes(id)), "delete job " + id)) == 1;
  }

  public void pause(String q) {
    Await.one(redis.set(keys.paused(q), FLAG), "pause queue " + q);
  }

  /** Resumes and publishes a wake-up, so idle workers claim at once. */
  public void resume(String q) {
    if (Await.one(redis.del(keys.paused(q)), "resume queue " + q) > 0) {
      Await.one(redis.publish(keys.wake(q), FLAG), "wake the workers of queue " + q);
    }
  }

  public boolean isPaused(String q) {
    return Await.one(redis.exists(keys.paused(q)), "read whether queue " + q + " is paused") > 0;
  }
}

package dev.ferry.redis.internal;

import dev.ferry.InvalidJobException;
import dev.ferry.JobInfo;
import dev.ferry.JobPage;
import dev.ferry.JobState;
import dev.ferry.QueueCounts;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * Reads what operators see: the queue index, single jobs, counts per state and pages of jobs.
 *
 * <p>Everything is read from index structures (the queue set, the state lists and sets, job
 * hashes by key), pipelined; nothing scans the keyspace.
 */
public final class Inspector {
  private final RedisAsyncCommands<String, byte[]> redis;
  private final Keys keys;

  public Inspector(RedisAsyncCommands<String, byte[]> redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Every queue that has ever had a job enqueued. */
  public Set<String> queues() {
    Set<String> out = new TreeSet<>();
    for (byte[] b : Await.one(redis.smembers(keys.queues()), "list the queues")) {
      out.add(new String(b, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The job in {@code queue}. */
  public Optional<JobInfo> find(String queue, String id) {
    return Optional.ofNullable(Await.one(read(queue, id), "read job " + id));
  }

  /** The job in whichever known queue holds it: one pipelined read per queue. */
  public Optional<JobInfo> find(String id) {
    List<CompletionStage<JobInfo>> replies = new ArrayList<>();
    for (String q : queues()) {
      replies.add(read(q, id));
    }
    for (JobInfo info : Await.all(replies, "find job " + id)) {
      if (info != null) {
        return Optional.of(info);
      }
    }
    return Optional.empty();
  }

  /**
   * The job's lease (an active job's state and attempt live in it) and hash, pipelined; null when
   * not stored. The lease is read first: a settlement landing between the two reads then shows
   * the job as still active or already settled, never as the state it was claimed from.
   */
  private CompletionStage<JobInfo> read(String q, String id) {
    CompletionStage<byte[]> lease = redis.hget(keys.leases(q), id);
    return redis.hgetall(keys.job(q, id)).thenCombine(lease, (h, l) -> JobRecord.toInfo(q, id, h, l));
  }

  /** Counts per state, one pipelined LLEN/ZCARD each. */
  public QueueCounts counts(String q) {
    List<CompletionStage<Long>> r =
        List.of(
            redis.llen(keys.pending(q)),
            redis.zcard(keys.scheduled(q)),
            redis.zcard(keys.active(q)),
            redis.zcard(keys.retry(q)),
            redis.zcard(keys.completed(q)),
            redis.zcard(keys.dead(q)),
            redis.zcard(keys.cancelled(q)));
    List<Long> n = Await.all(r, "count the jobs of queue " + q);
    return new QueueCounts(n.get(0), n.get(1), n.get(2), n.get(3), n.get(4), n.get(5), n.get(6));
  }

  /**
   * A page of jobs in {@code state}: pending in claim order (from the list's right end), sorted
   * states by score ascending. The cursor is the offset of the next page.
   */
  public JobPage list(String q, JobState state, String cursor, int limit) {
    long offset = offset(cursor);
    if (limit <= 0) {
      return new JobPage(List.of(), null);
    }
    String key = keys.state(q, state);
    // Ask for one more than the page so we know whether another page follows.
    List<byte[]> ids;
    if (state == JobState.PENDING) {
      ids = new ArrayList<>(Await.one(redis.lrange(key, -(offset + limit + 1), -(offset + 1)), "list pending jobs"));
      Collections.reverse(ids);
    } else {
      ids = Await.one(redis.zrange(key, offset, offset + limit), "list " + state.wireName() + " jobs");
    }
    boolean more = ids.size() > limit;
    List<CompletionStage<JobInfo>> read = new ArrayList<>();
    for (byte[] id : ids.subList(0, Math.min(limit, ids.size()))) {
      read.add(read(q, new String(id, StandardCharsets.UTF_8)));
    }
    List<JobInfo> jobs = new ArrayList<>();
    for (JobInfo info : Await.all(read, "read listed jobs")) {
      if (info != null) {
        jobs.add(info);
      }
    }
    return new JobPage(jobs, more ? Long.toString(offset + limit) : null);
  }

  private static long offset(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      long v = Long.parseLong(cursor);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new InvalidJobException("cursor '" + cursor + "' is invalid: pass the nextCursor of the previous page");
  }
}

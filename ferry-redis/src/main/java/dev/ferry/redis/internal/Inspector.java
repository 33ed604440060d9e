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
import java.util.concurrent.CompletableFuture;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * Reads what operators see: the queue index, single jobs, counts per state and pages of jobs.
 *
 * <p>Everything is read from index structures (the queue set, the state lists and sets, the jobs
 * hash by id), pipelined; nothing scans the keyspace.
 */
public final class Inspector {
  /** Most ids one {@code readJobs.lua} call takes (the script's own cap). */
  private static final int READ_CHUNK = 1000;

  private final RedisAsyncCommands<String, byte[]> redis;
  private final ScriptRunner scripts;
  private final Keys keys;

  public Inspector(RedisAsyncCommands<String, byte[]> redis, ScriptRunner scripts, Keys keys) {
    this.redis = redis;
    this.scripts = scripts;
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
    return Optional.ofNullable(Await.one(read(queue, List.of(id)), "read job " + id).get(0));
  }

  /** The job in whichever known queue holds it: one pipelined read per queue. */
  public Optional<JobInfo> find(String id) {
    List<CompletionStage<List<JobInfo>>> replies = new ArrayList<>();
    for (String q : queues()) {
      replies.add(read(q, List.of(id)));
    }
    for (List<JobInfo> info : Await.all(replies, "find job " + id)) {
      if (info.get(0) != null) {
        return Optional.of(info.get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * The jobs' records with their leases (an active job's state and attempt live in its lease),
   * read by one script so that no settlement lands between the two; null for a job not stored.
   */
  private CompletionStage<List<JobInfo>> read(String q, List<String> ids) {
    if (ids.size() > READ_CHUNK) {
      CompletionStage<List<JobInfo>> head = read(q, ids.subList(0, READ_CHUNK));
      return head.thenCombine(read(q, ids.subList(READ_CHUNK, ids.size())), (a, b) -> {
        List<JobInfo> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
      });
    }
    if (ids.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    byte[][] args = new byte[ids.size()][];
    for (int i = 0; i < args.length; i++) {
      args[i] = ids.get(i).getBytes(StandardCharsets.UTF_8);
    }
    String[] k = {keys.jobs(q), keys.jobPrefix(q), keys.leases(q)};
    return scripts.call(Script.READ_JOBS, k, args).thenApply(reply -> {
      List<?> each = (List<?>) reply;
      List<JobInfo> out = new ArrayList<>(each.size());
      for (int i = 0; i < each.size(); i++) {
        out.add(JobRecord.toInfo(q, ids.get(i), (List<?>) each.get(i)));
      }
      return out;
    });
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
    List<String> page = new ArrayList<>();
    for (byte[] id : ids.subList(0, Math.min(limit, ids.size()))) {
      page.add(new String(id, StandardCharsets.UTF_8));
    }
    List<JobInfo> jobs = new ArrayList<>();
    for (JobInfo info : Await.one(read(q, page), "read listed jobs")) {
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

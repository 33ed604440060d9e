package dev.ferry.redis.internal;

import static dev.ferry.redis.internal.Replies.asList;
import static dev.ferry.redis.internal.Replies.asString;
import static dev.ferry.redis.internal.Replies.bytes;

import dev.ferry.EnqueueResult;
import dev.ferry.JobState;
import dev.ferry.spi.JobSpec;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stores new jobs: one {@code enqueue.lua} call per job, all pipelined with one {@code SADD} of
 * their queues to the queue index, so a batch of any size costs one round trip.
 */
public final class Producer {
  private final RedisAsyncCommands<String, byte[]> redis;
  private final ScriptRunner scripts;
  private final Keys keys;

  public Producer(RedisAsyncCommands<String, byte[]> redis, ScriptRunner scripts, Keys keys) {
    this.redis = redis;
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Enqueues the jobs; results in the order of {@code specs}. */
  public List<EnqueueResult> enqueue(List<JobSpec> specs) {
    if (specs.isEmpty()) {
      return List.of();
    }
    Set<String> queues = new LinkedHashSet<>();
    List<CompletableFuture<Object>> replies = new ArrayList<>(specs.size());
    for (JobSpec spec : specs) {
      queues.add(spec.queue());
      replies.add(call(spec));
    }
    byte[][] names = queues.stream().map(Replies::bytes).toArray(byte[][]::new);
    CompletionStage<Long> indexed = redis.sadd(keys.queues(), names);
    List<EnqueueResult> out = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      out.add(result(specs.get(i), Await.one(replies.get(i), "enqueue a job")));
    }
    Await.one(indexed, "index the queues of enqueued jobs");
    return out;
  }

  private CompletableFuture<Object> call(JobSpec s) {
    String q = s.queue();
    boolean unique = s.uniqueKey() != null;
    String[] k = {keys.pending(q), keys.scheduled(q), keys.unique(q, s.uniqueKey()), keys.jobPrefix(q)};
    return scripts.call(
        Script.ENQUEUE,
        k,
        bytes(s.id()),
        bytes(s.type()),
        bytes(q),
        s.payload(),
        bytes(s.maxRetries()),
        bytes(Math.max(0, s.delayMillis())),
        bytes(s.timeoutMillis()),
        bytes(s.callerGivenId() ? 1 : 0),
        bytes(unique ? Math.max(1, s.uniqueTtlMillis()) : 0),
        bytes(keys.wake(q)));
  }

  private static EnqueueResult result(JobSpec spec, Object reply) {
    List<Object> r = asList(reply);
    boolean created = Replies.asLong(r.get(0)) == 1;
    String id = asString(r.get(1));
    String state = asString(r.get(2));
    JobState js = state == null ? null : JobState.fromWireName(state);
    return created
        ? EnqueueResult.created(id, spec.queue(), js)
        : EnqueueResult.duplicateOf(id, spec.queue(), js);
  }
}

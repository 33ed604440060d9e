package dev.ferry.redis.internal;

import static dev.ferry.redis.internal.Replies.asList;
import static dev.ferry.redis.internal.Replies.asString;
import static dev.ferry.redis.internal.Replies.bytes;

import dev.ferry.EnqueueResult;
import dev.ferry.FerryException;
import dev.ferry.JobState;
import dev.ferry.spi.JobSpec;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores new jobs: the specs are grouped by queue and each group goes to {@code enqueue.lua} in
 * chunks of {@link #CHUNK}, all calls pipelined (with an {@code SADD} of the queues to the queue
 * index when this producer has not just done so), so a batch of any size costs one round trip and
 * one script call per few hundred jobs.
 */
public final class Producer {
  /** Jobs per {@code enqueue.lua} call: big enough to amortize the call, small enough not to stall Redis. */
  static final int CHUNK = 250;

  private static final Logger LOG = LoggerFactory.getLogger(Producer.class);
  private static final int FIELDS = 9;
  private static final byte[] LOG_CAP = bytes(EventLog.CAP_PER_QUEUE);
  private static final byte[] NO_LOG = bytes(0);
  private static final byte[] EMPTY = new byte[0];

  /** How long a queue this producer added to the queue index is taken to still be there. */
  static final long REINDEX_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final RedisAsyncCommands<String, byte[]> redis;
  private final ScriptRunner scripts;
  private final Keys keys;
  private final EnqueueBatcher batcher = new EnqueueBatcher(specs -> dispatch(specs, false));
  private final EnqueueBatcher loggedBatcher = new EnqueueBatcher(specs -> dispatch(specs, true));
  /** When this producer last added each queue to the queue index (System.nanoTime()). */
  private final Map<String, Long> indexedAt = new ConcurrentHashMap<>();

  public Producer(RedisAsyncCommands<String, byte[]> redis, ScriptRunner scripts, Keys keys) {
    this.redis = redis;
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * Enqueues one job, sharing the round trip with single enqueues other threads make at the same
   * time (see {@link EnqueueBatcher}).
   */
  public EnqueueResult enqueueOne(JobSpec spec, boolean logged) {
    return (logged ? loggedBatcher : batcher).enqueue(spec);
  }

  /**
   * Enqueues the jobs; results in the order of {@code specs}. With {@code logged}, each job
   * created also gets its "enqueued" line in its queue's event log, written by the same script.
   */
  public List<EnqueueResult> enqueue(List<JobSpec> specs, boolean logged) {
    if (specs.isEmpty()) {
      return List.of();
    }
    Sent sent = send(specs, logged);
    return results(specs, sent.chunks, sent.indexed);
  }

  /**
   * Issues the calls that enqueue {@code specs} without waiting; the future completes, on the
   * thread that receives the last reply, with the results (or a {@link dev.ferry.FerryException}).
   */
  private CompletableFuture<List<EnqueueResult>> dispatch(List<JobSpec> specs, boolean logged) {
    Sent sent = send(specs, logged);
    return sent.all().thenApply(done -> results(specs, sent.chunks, sent.indexed));
  }

  private record Sent(QueueChunks chunks, CompletableFuture<Long> indexed) {
    /** Completes when every reply is in, failed or not (results() reports the failures). */
    CompletableFuture<Void> all() {
      return CompletableFuture.allOf(chunks.replies(), indexed).handle((v, e) -> null);
    }
  }

  private Sent send(List<JobSpec> specs, boolean logged) {
    QueueChunks chunks =
        QueueChunks.send(specs.size(), i -> specs.get(i).queue(), CHUNK, (q, chunk) -> call(q, specs, chunk, logged));
    return new Sent(chunks, index(specs));
  }

  /**
   * Adds the batch's queues to the queue index ({@code SADD}), except those this producer added
   * less than {@link #REINDEX_NANOS} ago: the index only ever grows, so repeating the command for
   * every single enqueue (a quarter of Redis's work for them) buys nothing. Re-adding after a
   * while, and after every reconnect ({@link #forgetIndexed}), restores a queue to an index that
   * Redis lost (a restart without persistence, a flush).
   */
  private CompletableFuture<Long> index(List<JobSpec> specs) {
    long now = System.nanoTime();
    List<String> stale = new ArrayList<>(1);
    for (JobSpec spec : specs) {
      String q = spec.queue();
      Long at = indexedAt.get(q);
      if ((at == null || now - at > REINDEX_NANOS) && !stale.contains(q)) {
        stale.add(q);
      }
    }
    if (stale.isEmpty()) {
      return CompletableFuture.completedFuture(0L);
    }
    byte[][] names = stale.stream().map(Replies::bytes).toArray(byte[][]::new);
    return redis.sadd(keys.queues(), names).toCompletableFuture().whenComplete((added, error) -> {
      if (error == null) {
        stale.forEach(q -> indexedAt.put(q, now));
      }
    });
  }

  /** Forgets which queues were indexed, so the next enqueue to each adds it again (on reconnect). */
  public void forgetIndexed() {
    indexedAt.clear();
  }

  private static List<EnqueueResult> results(List<JobSpec> specs, QueueChunks sent, CompletionStage<Long> indexed) {
    List<List<Integer>> chunks = sent.chunks();
    EnqueueResult[] out = new EnqueueResult[specs.size()];
    List<Object> results = sent.await("enqueue jobs");
    for (int c = 0; c < chunks.size(); c++) {
      List<Object> duplicates = asList(results.get(c));
      List<Integer> chunk = chunks.get(c);
      for (int d = 0; d + 3 <= duplicates.size(); d += 3) {
        int i = chunk.get((int) Replies.asLong(duplicates.get(d)) - 1);
        String state = asString(duplicates.get(d + 2));
        out[i] = EnqueueResult.duplicateOf(
            asString(duplicates.get(d + 1)), specs.get(i).queue(), state == null ? null : JobState.fromWireName(state));
      }
      for (int i : chunk) {
        if (out[i] == null) {
          JobSpec spec = specs.get(i);
          out[i] = EnqueueResult.created(spec.id(), spec.queue(), spec.delayMillis() > 0 ? JobState.SCHEDULED : JobState.PENDING);
        }
      }
    }
    try {
      Await.one(indexed, "index the queues of enqueued jobs");
    } catch (FerryException e) {
      // The jobs are stored: failing the call would make a retry store them twice. Only listings
      // read the index, and the next enqueue to the queue adds it again (it was not recorded).
      LOG.warn("jobs stored, but their queues could not be added to the queue index: {}", e.getMessage());
    }
    return List.of(out);
  }

  private CompletableFuture<Object> call(String q, List<JobSpec> specs, List<Integer> chunk, boolean logged) {
    String[] k = {
      keys.pending(q), keys.scheduled(q), keys.unique(q, null), keys.jobs(q), keys.jobPrefix(q), keys.leases(q), keys.events(q)
    };
    byte[][] args = new byte[3 + chunk.size() * FIELDS][];
    args[0] = bytes(keys.wake(q));
    args[1] = logged ? LOG_CAP : NO_LOG;
    args[2] = logged ? bytes(q) : EMPTY;
    int a = 3;
    for (int i : chunk) {
      a = encode(specs.get(i), args, a);
    }
    return scripts.call(Script.ENQUEUE, k, args);
  }

  /** Writes one job's 9 {@code enqueue.lua} values into {@code args} at {@code at}; returns the next index. */
  public static int encode(JobSpec s, byte[][] args, int at) {
    boolean unique = s.uniqueKey() != null;
    args[at] = bytes(s.id());
    args[at + 1] = bytes(s.type());
    args[at + 2] = s.payload();
    args[at + 3] = bytes(s.maxRetries());
    args[at + 4] = bytes(Math.max(0, s.delayMillis()));
    args[at + 5] = bytes(s.timeoutMillis());
    args[at + 6] = bytes(s.callerGivenId() ? 1 : 0);
    args[at + 7] = bytes(unique ? s.uniqueKey() : "");
    args[at + 8] = bytes(unique ? Math.max(1, s.uniqueTtlMillis()) : 0);
    return at + FIELDS;
  }
}

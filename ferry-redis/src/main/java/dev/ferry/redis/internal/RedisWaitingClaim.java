package dev.ferry.redis.internal;

import static dev.ferry.redis.internal.Replies.asList;

import dev.ferry.FerryException;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.WaitingClaim;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A waiting claim on one queue over a connection of its own (ADR 0010). Each call sends three
 * commands at once:
 *
 * <ol>
 *   <li>{@code CLIENT ID}, so {@link #close} can end the wait with {@code CLIENT UNBLOCK};
 *   <li>{@code BLMOVE pending pending RIGHT RIGHT wait}: returns at once when a job is pending, else
 *       blocks until one is pushed. Moving the oldest id from the tail back to the tail leaves the
 *       list as it was: the command only waits, it takes nothing, so nothing can be lost here;
 *   <li>{@code claim.lua}, which Redis reads while the connection is blocked and runs as soon as
 *       the wait ends, in the same turn of its event loop, without a round trip back to the worker.
 * </ol>
 *
 * <p>A job pushed onto pending (enqueue, promote, release, reap, requeue) therefore reaches an idle
 * worker in one hop from Redis, like the bare {@code LPUSH}/{@code BRPOP} queue, instead of a
 * wake-up message followed by a claim round trip.
 */
public final class RedisWaitingClaim implements WaitingClaim {
  private static final Logger LOG = LoggerFactory.getLogger(RedisWaitingClaim.class);
  private static final Outcome NOTHING = new Outcome(List.of(), false);
  /** Longest wait per call: a longer one returns empty after this long (callers wait again). */
  static final double MAX_WAIT_SECONDS = 5;

  private final StatefulRedisConnection<String, byte[]> connection;
  private final ScriptRunner scripts;
  private final RedisAsyncCommands<String, byte[]> control;
  private final Leases leases;
  private final String queue;
  private final String pending;
  private final Object lock = new Object();
  private boolean inFlight;
  private volatile boolean closed;
  private volatile boolean warned;
  /** The id Redis gave this connection for the wait in progress; null between waits. */
  private volatile Long clientId;

  /**
   * @param connection this claim's own connection, closed with it
   * @param scripts the broker's scripts (called here over {@code connection})
   * @param control the broker's shared connection, for {@code CLIENT UNBLOCK}
   */
  public RedisWaitingClaim(
      StatefulRedisConnection<String, byte[]> connection,
      ScriptRunner scripts,
      RedisAsyncCommands<String, byte[]> control,
      Leases leases,
      Keys keys,
      String queue) {
    this.connection = connection;
    this.scripts = scripts.on(connection.async());
    this.control = control;
    this.leases = leases;
    this.queue = queue;
    this.pending = keys.pending(queue);
  }

  @Override
  public Outcome claim(int max, Duration leaseTimeout, Duration wait) {
    synchronized (lock) {
      if (closed) {
        return NOTHING;
      }
      inFlight = true;
    }
    try {
      RedisAsyncCommands<String, byte[]> redis = connection.async();
      RedisFuture<Long> id = redis.clientId();
      RedisFuture<byte[]> arrived = redis.blmove(pending, pending, LMoveArgs.Builder.rightRight(), seconds(wait));
      CompletableFuture<Object> claimed = leases.claimCall(scripts, queue, max, leaseTimeout);
      // The claim runs whatever becomes of the two commands before it (a refused BLMOVE: out of
      // memory, or an ACL without it), so its jobs are always read; only its failure is thrown.
      clientId = quietly(id, "CLIENT ID");
      if (closed) {
        unblock(); // close() ran before the id was known
      }
      List<Object> reply = asList(Await.one(claimed, "claim jobs of queue " + queue));
      List<ClaimedJob> jobs = new ArrayList<>(reply.size() / 9);
      Leases.decodeClaim(queue, reply, jobs);
      // answered before the claim, on the same connection
      Object waited = arrived.toCompletableFuture().handle((v, e) -> e == null ? v : e).getNow(null);
      if (waited instanceof Throwable e) {
        // Not waited: report a stall, so the worker waits on its wake-up signal instead.
        warnOnce("BLMOVE", e);
        return new Outcome(jobs, true);
      }
      return new Outcome(jobs, waited != null && jobs.isEmpty() && !Leases.stoppedShort(reply));
    } finally {
      clientId = null;
      synchronized (lock) {
        inFlight = false;
        if (closed) {
          connection.closeAsync();
        }
      }
    }
  }

  /** The wait in seconds, within what Lettuce lets a command take (10 s; see RedisBroker). */
  private static double seconds(Duration wait) {
    return Math.min(MAX_WAIT_SECONDS, Math.max(0.01, wait.toMillis() / 1000.0));
  }

  /**
   * Ends a wait in progress as if it had timed out (its claim still runs and answers, so a job it
   * takes is handed to the worker, not stranded under a lease) and closes the connection once the
   * claim is back.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (!inFlight) {
        connection.closeAsync();
        return;
      }
    }
    unblock();
  }

  private void unblock() {
    Long id = clientId;
    if (id == null) {
      return; // not known yet: claim() ends the wait once it is (or the wait runs out)
    }
    try {
      // 1: ended; 0: not waiting (any more), the claim's answer is on its way
      Await.one(control.clientUnblock(id, UnblockType.TIMEOUT), "end the wait on queue " + queue);
    } catch (FerryException e) {
      // Refused (an ACL without client|unblock) or Redis away: drop the connection instead. A
      // blocked client that goes away never runs what was queued behind its wait.
      warnOnce("CLIENT UNBLOCK", e);
      connection.closeAsync();
    }
  }

  /** The reply of a command this claim can do without, or null (logged) when it failed. */
  private Long quietly(RedisFuture<Long> reply, String command) {
    try {
      return Await.one(reply, command);
    } catch (FerryException e) {
      warnOnce(command, e);
      return null;
    }
  }

  /** Logs, once, a command Redis refused; a lost connection is the claim's failure to report. */
  private void warnOnce(String command, Throwable e) {
    Throwable t = e;
    while (t != null && !(t instanceof RedisCommandExecutionException)) {
      t = t.getCause();
    }
    if (t == null) {
      LOG.debug("{} on the waiting claim of queue {} failed: {}", command, queue, e.toString());
    } else if (!warned) {
      warned = true;
      LOG.warn("idle workers of queue {} cannot wait in Redis ({} failed: {}); they wait on pub/sub wake-ups"
          + " instead (an ACL user needs blmove, client|id and client|unblock)", queue, command, e.getMessage());
    }
  }
}
